// A pass-through HTTP proxy between the `remo` processes and the simulator process. The simulator's
// /stats counts requests; this proxy also knows WHICH request each one was (a hash of method, path,
// role header and body) and which are open at the instant of a kill, so the crash matrix can tell
// a call the resumed run sent again from a new one.
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha } from './crashHarness';

export interface ProxiedRequest {
  key: string;
  path: string;
  role: string;
  /** Which child process (segment) sent it: the proxy's current segment when it arrived. */
  segment: number;
  open: boolean;
  arrivedAt: number;
  /** When the reply was fully handed back (or the exchange ended), ms since the epoch. */
  endedAt?: number;
}

export interface RecordingProxy {
  url: string;
  /** Requests that reached the proxy, in arrival order. */
  log: ProxiedRequest[];
  /** Requests whose reply has not been fully passed back yet. */
  openRequests(): ProxiedRequest[];
  segment: number;
  onRequest?: (request: ProxiedRequest) => void;
  close(): Promise<void>;
}

export async function startRecordingProxy(upstreamOrigin: string): Promise<RecordingProxy> {
  const upstream = new URL(upstreamOrigin);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const open = new Set<ProxiedRequest>();
  const proxy: RecordingProxy = {
    url: '',
    log: [],
    openRequests: () => [...open],
    segment: 0,
    close: async () => {
      agent.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const role = String(req.headers['x-remo-role'] ?? '');
      const path = (req.url ?? '/').split('?')[0]!;
      const record: ProxiedRequest = { key: sha(`${req.method} ${path} ${role}\n${body.toString('utf8')}`), path, role, segment: proxy.segment, open: true, arrivedAt: Date.now() };
      proxy.log.push(record);
      open.add(record);
      proxy.onRequest?.(record);
      const finish = () => {
        if (record.open) record.endedAt = Date.now();
        record.open = false;
        open.delete(record);
      };
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      const upstreamReq = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent }, (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        upstreamRes.on('error', () => res.destroy());
      });
      upstreamReq.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
        finish();
      });
      res.on('finish', finish);
      res.on('close', () => {
        finish();
        upstreamReq.destroy();
      });
      upstreamReq.end(body);
    });
  };
  const server = createServer(handle);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return proxy;
}
