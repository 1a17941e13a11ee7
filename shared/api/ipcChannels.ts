/**
 * The two Electron IPC channels of the API: one request/response channel (ipcRenderer.invoke)
 * and one push channel (main -> renderer). Shared so preload and main cannot drift apart.
 */
export const IPC_INVOKE_CHANNEL = 'remo:invoke';
export const IPC_PUSH_CHANNEL = 'remo:push';

/** Name of the object the preload exposes on `window` (exactly `invoke` and `subscribe`). */
export const PRELOAD_GLOBAL = 'remo';
