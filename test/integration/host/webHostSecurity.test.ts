import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiService } from '../../../electron/core/api';
import { startWebHost, type WebHost, webHostApiFromTransport } from '../../../electron/host';
import { createFakeRunService } from '../../contract/fakeRunService';
import { createFakeTimelineQueries } from '../../contract/fakeTimelineQueries';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http instead of fetch: fetch forbids setting Host, and these tests must forge it. */
function raw(port: number, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Opens a socket and reports whether the host greeted it or refused the handshake (with the status). */
function trySocket(url: string, headers: Record<string, string>): Promise<{ opened: true } | { opened: false; status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('message', (data) => {
      expect(JSON.parse(String(data))).toEqual({ event: 'host.ready' });
      ws.close();
      resolve({ opened: true });
    });
    ws.once('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ opened: false, status: 0 }));
  });
}

describe('web host security', () => {
  let host: WebHost;
  let staticDir: string;
  const token = 'a'.repeat(64);

  beforeAll(async () => {
    // A tiny stand-in for dist/renderer so these tests do not depend on a build.
    staticDir = mkdtempSync(path.join(tmpdir(), 'remo-static-'));
    mkdirSync(path.join(staticDir, 'assets'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title><div id="root"></div>');
    writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    const runs = createFakeRunService();
    await runs.start({ name: 'one' });
    const api = createApiService({
      runs,
      timeline: createFakeTimelineQueries(runs),
      verifyStore: () => ({ ok: true, eventsChecked: 1 }),
      info: () => ({ name: 'REMO Studio', version: '0.1.0', dbPath: '/tmp/x.db', simulator: true }),
    });
    host = await startWebHost({ api: webHostApiFromTransport(api.transport('web')), staticDir, token });
  });
  afterAll(async () => {
    await host?.close();
  });

  const good = () => ({ Host: `127.0.0.1:${host.port}`, 'X-Remo-Token': token, 'Content-Type': 'application/json' });

  it('listens on 127.0.0.1 only and prints a URL that carries the token', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) {
      console.log('[host] no non-loopback IPv4 interface here: the "not reachable from outside" half is not checked');
      return;
    }
    const reached = await new Promise<boolean>((resolve) => {
      const req = request({ host: external.address, port: host.port, path: '/', timeout: 2000 }, () => resolve(true));
      req.on('error', () => resolve(false));
      req.on('timeout', () => {
        req.destroy();
        resolve(false);
      });
      req.end();
    });
    expect(reached).toBe(false);
  });

  it('answers an API call with the token', async () => {
    const res = await raw(host.port, '/api/runs.list', { method: 'POST', headers: good(), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true });
  });

  it('refuses requests without the token or with a wrong one (401 envelope, page or API)', async () => {
    const { 'X-Remo-Token': _drop, ...noToken } = good();
    const api = await raw(host.port, '/api/runs.list', { method: 'POST', headers: noToken, body: '{}' });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await raw(host.port, '/api/runs.list', { method: 'POST', headers: { ...good(), 'X-Remo-Token': 'b'.repeat(64) }, body: '{}' });
    expect(wrong.status).toBe(401);
    const page = await raw(host.port, '/', { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('<div id="root">');
    const asset = await raw(host.port, '/assets/app.js', { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(asset.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin with 403, even with the token', async () => {
    const rebound = await raw(host.port, '/api/runs.list', { method: 'POST', headers: { ...good(), Host: `evil.example:${host.port}` }, body: '{}' });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const otherPort = await raw(host.port, '/', { headers: { Host: `127.0.0.1:${host.port + 1}`, 'X-Remo-Token': token } });
    expect(otherPort.status).toBe(403);
    const foreign = await raw(host.port, '/api/runs.list', { method: 'POST', headers: { ...good(), Origin: 'http://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const sameHostOtherPort = await raw(host.port, '/api/runs.list', { method: 'POST', headers: { ...good(), Origin: `http://127.0.0.1:${host.port + 1}` }, body: '{}' });
    expect(sameHostOtherPort.status).toBe(403);
    const own = await raw(host.port, '/api/runs.list', { method: 'POST', headers: { ...good(), Origin: `http://localhost:${host.port}`, Host: `localhost:${host.port}` }, body: '{}' });
    expect(own.status).toBe(200);
  });

  it('exchanges the printed ?token= once for a cookie holding a separate session secret; the link then stops working', async () => {
    const wrong = await raw(host.port, '/?token=nope', { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const first = await raw(host.port, `/?token=${token}`, { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const secret = /remo_session=([0-9a-f]{64});/.exec(cookie)?.[1];
    expect(secret).toBeDefined();
    expect(secret).not.toBe(token); // the cookie is not the printed token
    const page = await raw(host.port, '/', { headers: { Host: `127.0.0.1:${host.port}`, Cookie: `remo_session=${secret}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    // The printed token is no cookie value.
    const tokenAsCookie = await raw(host.port, '/', { headers: { Host: `127.0.0.1:${host.port}`, Cookie: `remo_session=${token}; remo_token=${token}` } });
    expect(tokenAsCookie.status).toBe(401);
    // Reusing the link: a clear 401 page, no cookie.
    const again = await raw(host.port, `/?token=${token}`, { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toMatch(/this link was already used/);
    expect(again.body).toMatch(/restart `remo web`/);
    // Programmatic clients keep using the printed token in the header.
    const api = await raw(host.port, '/api/runs.list', { method: 'POST', headers: good(), body: '{}' });
    expect(api.status).toBe(200);
    // The socket takes the session cookie.
    expect(await trySocket(`ws://127.0.0.1:${host.port}/events`, { Origin: `http://127.0.0.1:${host.port}`, Cookie: `remo_session=${secret}` })).toEqual({ opened: true });
  });

  it('mints fresh one-time login links for tests and benchmarks (issueLoginUrl), each good once', async () => {
    const link = new URL(host.issueLoginUrl());
    expect(link.origin).toBe(host.origin);
    const code = link.searchParams.get('token')!;
    expect(code).not.toBe(token);
    const first = await raw(host.port, `/?token=${code}`, { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(first.status).toBe(302);
    const again = await raw(host.port, `/?token=${code}`, { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(again.status).toBe(401);
    // A login code is not an API credential.
    const asHeader = await raw(host.port, '/api/runs.list', { method: 'POST', headers: { ...good(), 'X-Remo-Token': code }, body: '{}' });
    expect(asHeader.status).toBe(401);
  });

  it('sends a strict CSP (no inline script, no eval) and no-referrer on pages and API answers', async () => {
    for (const res of [
      await raw(host.port, '/', { headers: good() }),
      await raw(host.port, '/api/runs.list', { method: 'POST', headers: good(), body: '{}' }),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers bad payloads with 4xx envelopes and keeps serving', async () => {
    const badJson = await raw(host.port, '/api/runs.list', { method: 'POST', headers: good(), body: '{not json' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'request body is not valid JSON' } });
    const badArgs = await raw(host.port, '/api/runs.stateAt', { method: 'POST', headers: good(), body: JSON.stringify({ runId: 'run-1', at: { epoch: 'two' } }) });
    expect(badArgs.status).toBe(400);
    expect(JSON.parse(badArgs.body).error.message).toMatch(/at/);
    const form = await raw(host.port, '/api/runs.list', { method: 'POST', headers: { ...good(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(form.status).toBe(415);
    const huge = await raw(host.port, '/api/runs.list', { method: 'POST', headers: good(), body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) });
    expect(huge.status).toBe(413);
    // Methods that carry a whole file take bodies over 1 MB (this fake core has no store: unavailable, not 413).
    const file = await raw(host.port, '/api/runs.import', { method: 'POST', headers: good(), body: JSON.stringify({ content: 'x'.repeat(1_100_000) }) });
    expect(file.status).toBe(503);
    expect(JSON.parse(file.body)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const get = await raw(host.port, '/api/runs.list', { headers: good() });
    expect(get.status).toBe(405);
    const unknown = await raw(host.port, '/api/nope', { method: 'POST', headers: good(), body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const still = await raw(host.port, '/api/runs.list', { method: 'POST', headers: good(), body: '{}' });
    expect(still.status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd', '/%00']) {
      const res = await raw(host.port, p, { headers: good() });
      expect(res.status, p).toBe(404);
    }
  });

  it('opens the /events socket only for its own origin with the token', async () => {
    const url = `ws://127.0.0.1:${host.port}/events`;
    const origin = `http://127.0.0.1:${host.port}`;
    expect(await trySocket(url, { Origin: origin, 'X-Remo-Token': token })).toEqual({ opened: true });
    expect(await trySocket(url, { Origin: origin })).toEqual({ opened: false, status: 401 });
    expect(await trySocket(url, { Origin: origin, Cookie: `remo_session=${'c'.repeat(64)}` })).toEqual({ opened: false, status: 401 });
    expect(await trySocket(url, { Origin: 'http://evil.example', 'X-Remo-Token': token })).toEqual({ opened: false, status: 403 });
    expect(await trySocket(`ws://127.0.0.1:${host.port}/other`, { Origin: origin, 'X-Remo-Token': token })).toEqual({ opened: false, status: 403 });
  });

  it('refuses an oversized body from its Content-Length, before it is sent, and closes the connection', async () => {
    const started = Date.now();
    const answer = await rawSocket(host.port, [
      `POST /api/runs.list HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Remo-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 5000000000\r\n\r\n{`,
    ]);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.text).toMatch(/request body over 1000000 bytes/);
    expect(answer.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('stops reading a chunked body at the limit, answers 413 and destroys the socket', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = Array.from({ length: 20 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`); // 1.3 MB, never terminated
    const answer = await rawSocket(host.port, [
      `POST /api/runs.list HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Remo-Token: ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      ...chunks,
    ]);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.closed).toBe(true);
    const still = await raw(host.port, '/api/runs.list', { method: 'POST', headers: good(), body: '{}' });
    expect(still.status).toBe(200);
  });

  it('answers a body nested 100k levels deep with a 400 "nested deeper than" envelope, not a 500', async () => {
    const deep = '{"runId":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const res = await raw(host.port, '/api/runs.stateAt', { method: 'POST', headers: good(), body: deep });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/nested deeper than 100 levels/) } });
  });
});

/** Writes raw request bytes (never ending the body) and collects the answer until the host closes, or 3 s. */
function rawSocket(port: number, parts: string[]): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => finish(false), 3000);
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      for (const part of parts) if (!socket.destroyed) socket.write(part, () => undefined);
    });
  });
}
