/** electron/host: the loopback HTTP + WebSocket transport of the API, for the browser. */
export { startWebHost, type WebHost, type WebHostApi, type WebHostOptions } from './startWebHost';
export { createWebTransport } from './createWebTransport';
export { webHostApiFromTransport } from './webHostApiFromTransport';
