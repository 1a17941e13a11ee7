import { connect } from 'node:net';
import type { RunConfig } from '../../../shared/config/runConfig';

/** Resolves to true when nothing accepts connections at the URL's host and port (connection refused). */
export function connectionRefused(baseURL: string, timeoutMs = 1500): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return Promise.resolve(false);
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (refused: boolean) => {
      socket.destroy();
      resolve(refused);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(false));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

/**
 * Runs on the built-in simulator need no server: an endpoint of kind `simulator` whose URL refuses
 * connections is pointed at the simulator this process serves (started lazily, once). The run's
 * config in the log is unchanged; only this execution's gateway uses the local URL. Real
 * endpoints, and simulator URLs that answer (tests with latency or faults), are left alone.
 */
export async function withServedSimulator(config: RunConfig, servedUrl: () => Promise<string>): Promise<{ config: RunConfig; served: string[] }> {
  const served: string[] = [];
  const endpoints = await Promise.all(config.endpoints.map(async (endpoint) => {
    if (endpoint.kind !== 'simulator' || !(await connectionRefused(endpoint.baseURL))) return endpoint;
    served.push(endpoint.name);
    return { ...endpoint, baseURL: await servedUrl() };
  }));
  return served.length === 0 ? { config, served } : { config: { ...config, endpoints }, served };
}
