import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { summarizeAppended, type ServerMessage } from '../../shared/api/contract';
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL } from '../../shared/api/ipcChannels';
import { fail, type ApiResult } from '../../shared/api/result';
import type { StoredEvent } from '../../shared/events/envelope';
import { isAppPageUrl } from './appOrigin';

export interface IpcApi {
  dispatch: (method: string, rawArgs: unknown) => Promise<ApiResult<unknown>>;
  subscribe: (listener: (events: readonly StoredEvent[]) => void) => () => void;
}

/**
 * The IPC transport: one invoke channel, one push channel (VS Code's rule: check channel, sender
 * frame and origin before handling). The dispatcher parses every payload against the contract's
 * schema, so main never trusts the renderer's arguments. Returns a disposer.
 */
export function registerIpc(api: IpcApi): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, args: unknown) => {
    if (!isTrustedSender(event)) return fail('forbidden', 'IPC from a frame that is not the app page');
    if (typeof method !== 'string') return fail('bad-request', 'method must be a string');
    return api.dispatch(method, args);
  });
  const unsubscribe = api.subscribe((events) => {
    const message: ServerMessage = { event: 'runs.appended', payload: summarizeAppended(events) };
    for (const win of BrowserWindow.getAllWindows()) {
      const contents = win.webContents;
      // Push only to windows that still show the app page (never to a navigated-away page).
      if (!contents.isDestroyed() && isAppPageUrl(contents.getURL())) contents.send(IPC_PUSH_CHANNEL, message);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  // Only the top frame of one of our windows, showing the app page.
  if (!frame || frame.parent !== null) return false;
  if (!BrowserWindow.fromWebContents(event.sender)) return false;
  return isAppPageUrl(frame.url);
}
