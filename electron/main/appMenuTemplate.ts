import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  openDataFolder(): void;
  exportRun(): void;
  about(): void;
}

/**
 * The application menu as a template (Menu.buildFromTemplate in main). Type-only electron import,
 * so the structure is unit-tested without Electron. Edit and View items are Electron's roles:
 * they get the platform's own labels, shortcuts and behaviour (copy/paste in inputs, zoom).
 */
export function appMenuTemplate(actions: AppMenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    // macOS puts About, Hide and Quit under the app's own menu; elsewhere they live in File and Help.
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Data Folder', click: () => actions.openDataFolder() },
        { label: 'Export Run…', click: () => actions.exportRun() },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: '&Edit', role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Help', role: 'help', submenu: [{ label: 'About REMO Studio', click: () => actions.about() }] },
  ];
}
