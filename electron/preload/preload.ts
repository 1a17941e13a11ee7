/**
 * The preload: a keyhole, nothing more. It exposes exactly two functions on `window.remo`:
 * `invoke(method, args)` (one IPC channel; main validates everything) and `subscribe(listener)`
 * (pushed server messages). No Node, no ipcRenderer, no event objects reach the page.
 * Sandboxed preloads can require only 'electron': this file is bundled with nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL, PRELOAD_GLOBAL } from '../../shared/api/ipcChannels';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, {
  invoke: (method: string, args: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, String(method), args),
  subscribe: (listener: (message: unknown) => void): (() => void) => {
    // Pass the message only: the IpcRendererEvent would hand the page a handle on ipcRenderer.
    const relay = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(IPC_PUSH_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_PUSH_CHANNEL, relay);
    };
  },
});
