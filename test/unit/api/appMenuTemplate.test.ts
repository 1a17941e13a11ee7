import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../electron/main/appMenuTemplate';

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];

describe('application menu', () => {
  it('has File (data folder, export, quit), Edit, View (reload, devtools, zoom) and Help (About) menus', () => {
    const calls: string[] = [];
    const menu = appMenuTemplate({ openDataFolder: () => calls.push('folder'), exportRun: () => calls.push('export'), about: () => calls.push('about') }, 'linux');
    expect(menu.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = submenu(menu[0]);
    expect(file.map((item) => item.label ?? item.role ?? item.type)).toEqual(['Open Data Folder', 'Export Run…', 'separator', 'quit']);
    expect(menu[1]!.role).toBe('editMenu');
    expect(submenu(menu[2]).map((item) => item.role).filter(Boolean)).toEqual(['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    for (const item of [...file, ...submenu(menu[3])]) (item.click as (() => void) | undefined)?.();
    expect(calls).toEqual(['folder', 'export', 'about']);
  });

  it('on macOS starts with the app menu and closes the window from File instead of quitting', () => {
    const menu = appMenuTemplate({ openDataFolder() {}, exportRun() {}, about() {} }, 'darwin');
    expect(menu[0]!.role).toBe('appMenu');
    expect(submenu(menu[1]).at(-1)!.role).toBe('close');
  });
});
