import path from 'node:path';
import { app, dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { AppMenuActions } from './appMenuTemplate';

/**
 * What the menu's own items do. "Export Run…" explains the CLI export and offers the data folder:
 * the renderer has no export screen yet, and main does not read the database itself (the core
 * worker owns it).
 */
export function createAppMenuActions(deps: { dbPath: string; window: () => BrowserWindow | undefined }): AppMenuActions {
  const dataFolder = path.dirname(deps.dbPath);
  const showBox = (options: MessageBoxOptions) => {
    const win = deps.window();
    return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
  };
  function openDataFolder(): void {
    // openPath resolves with an error string ('' on success) instead of rejecting.
    void shell.openPath(dataFolder).then((error) => {
      if (error) dialog.showErrorBox('Could not open the data folder', `${dataFolder}\n\n${error}`);
    });
  }
  return {
    openDataFolder,
    exportRun() {
      void showBox({
        type: 'info',
        title: 'Export a run',
        message: 'Runs are exported from a terminal for now',
        detail:
          'In the REMO Studio folder, with the run id from the first column of the runs list:\n\n' +
          `npx remo export <run id> --db "${deps.dbPath}" --out run.jsonl\n\n` +
          'The file holds the run’s whole history; `npx remo import` reads it back.',
        buttons: ['Open Data Folder', 'Close'],
        defaultId: 1,
        cancelId: 1,
      }).then(({ response }) => {
        if (response === 0) openDataFolder();
      });
    },
    about() {
      void showBox({
        type: 'info',
        title: 'About REMO Studio',
        message: `REMO Studio ${app.getVersion()}`,
        detail:
          'Prompt optimization with memory: REMO and its TextGrad baseline, event-sourced on SQLite.\n\n' +
          `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}\n` +
          `Database: ${deps.dbPath}`,
        buttons: ['OK'],
      });
    },
  };
}
