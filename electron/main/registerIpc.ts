import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ServerMessage } from '../../shared/api/contract';
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL } from '../../shared/api/ipcChannels';
import { fail } from '../../shared/api/result';
import type { ApiTransport } from '../../shared/api/transport';
import { isAppPageUrl } from './appOrigin';
import { isKeysMethod, type KeysHandler } from './createKeysHandler';

export interface IpcRelay {
  /** The contract over the core worker (`worker.transport('ipc')`); its pushes are already summarised. */
  core: ApiTransport;
  /** keys.* answered here, in main (OS-encrypted store); never relayed to the core. */
  keys: KeysHandler;
}

/**
 * The IPC transport, a relay: one invoke channel, one push channel (VS Code's rule: check channel,
 * sender frame and origin before handling). Main decides nothing about runs: every other call goes
 * to the core worker, whose dispatcher parses it against the contract's schema, so main never
 * trusts the renderer's arguments and never does a fold on its own thread. Returns a disposer.
 */
export function registerIpc(relay: IpcRelay): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, args: unknown) => {
    if (!isTrustedSender(event)) return fail('forbidden', 'IPC from a frame that is not the app page');
    if (typeof method !== 'string') return fail('bad-request', 'method must be a string');
    if (isKeysMethod(method)) return relay.keys(method, args);
    return relay.core.invoke(method, args);
  });
  const unsubscribe = relay.core.subscribe((message: ServerMessage) => {
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
