import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebTransport } from '../../../electron/host';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { AppendedToRun } from '../../../shared/api/contract';
import type { StoredEvent } from '../../../shared/events/envelope';
import { runRemo } from '../cli/cliHarness';
import { smallConfig } from '../runs/runFixtures';

let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(() => {
  // Only the process this test started, by its pid.
  if (child && child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  child = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Collects stdout until `pattern` appears. */
function waitForOutput(proc: ChildProcess, pattern: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms; stdout: ${text}; stderr: ${errors}`)), ms);
    proc.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    proc.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = text.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    proc.once('exit', (code) => reject(new Error(`remo web exited with ${code}; stderr: ${errors}`)));
  });
}

describe('remo web', () => {
  it('prints a loopback URL with a token, serves the API with it, and stops cleanly on SIGTERM', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'remo-web-'));
    child = spawn(process.execPath, ['electron/cli/remo.mjs', 'web', '--db', path.join(dir, 'web.db'), '--simulator'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const [url] = await waitForOutput(child, /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/);
    const parsed = new URL(url);
    const token = parsed.searchParams.get('token')!;
    const info = await fetch(`${parsed.origin}/api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Remo-Token': token }, body: '{}' });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ ok: true, value: { transport: 'web', simulator: true, dbPath: path.join(dir, 'web.db') } });
    const refused = await fetch(`${parsed.origin}/api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
  });

  it('pushes the events of a run another process (remo run) writes to the same database', { timeout: 90_000 }, async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'remo-web-'));
    const db = path.join(dir, 'shared.db');
    const simulator = await startSimulator({ latencyMs: 1 });
    try {
      // The database exists before the host starts, as when `remo web` is opened on earlier runs.
      writeFileSync(path.join(dir, 'run.json'), JSON.stringify(smallConfig(simulator.url, { epochs: 1, stepsPerEpoch: 1 })));
      expect((await runRemo(['run', '--config', path.join(dir, 'run.json'), '--db', db])).code).toBe(0);
      child = spawn(process.execPath, ['electron/cli/remo.mjs', 'web', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
      const [url] = await waitForOutput(child, /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/);
      const parsed = new URL(url);
      const transport = createWebTransport(parsed.origin, parsed.searchParams.get('token')!);
      const pushed: AppendedToRun[] = [];
      transport.subscribe((message) => pushed.push(...message.payload));
      await transport.ready();

      const run = await runRemo(['run', '--config', path.join(dir, 'run.json'), '--db', db, '--json']);
      expect(run.code).toBe(0);
      const runId = JSON.parse(run.stdout.trim().split('\n').at(-1)!).runId as string;
      for (let waited = 0; !pushed.some((e) => e.runId === runId && e.types.includes('RunCompleted')) && waited < 10_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const ofRun = pushed.filter((e) => e.runId === runId);
      const logged = await transport.invoke('runs.events', { runId, limit: 1000 });
      expect(logged).toMatchObject({ ok: true });
      const positions = (logged as { value: { events: StoredEvent[] } }).value.events.map((e) => e.globalPosition);
      // Every event pushed once, in order: the batches tile the run's positions exactly.
      expect(ofRun.reduce((sum, batch) => sum + batch.count, 0)).toBe(positions.length);
      expect(ofRun[0]!.firstPosition).toBe(positions[0]);
      expect(ofRun.at(-1)!.lastPosition).toBe(positions.at(-1));
      for (let i = 1; i < ofRun.length; i += 1) expect(ofRun[i]!.firstPosition).toBeGreaterThan(ofRun[i - 1]!.lastPosition);
      expect(pushed.every((e) => e.runId === runId)).toBe(true);
      transport.close();
    } finally {
      await simulator.stop();
    }
  });

  it('rejects a bad --port in one line with exit code 2', async () => {
    child = spawn(process.execPath, ['electron/cli/remo.mjs', 'web', '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child!.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--port');
  });
});
