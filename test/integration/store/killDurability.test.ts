import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStore } from '../../../electron/core/store/openEventStore';
import { verifyEventLog } from '../../../electron/core/store/verifyEventLog';
import { makeTempDir } from './support/tempDir';
import { testRegistry } from './support/fixtures';

const appendLoop = fileURLToPath(new URL('./support/appendLoop.ts', import.meta.url));
const HARD_LIMIT_MS = 15_000;

interface Ack {
  globalPosition: number;
  streamVersion: number;
}

/** Runs the append loop and SIGKILLs it after `killAfterAcks` acks or `killAfterMs` ms, whichever comes first. */
function runAndKill(dbPath: string, streamId: string, killAfterAcks: number, killAfterMs: number): Promise<{ acks: Ack[]; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', appendLoop, dbPath, streamId], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const hardLimit = setTimeout(() => child.kill('SIGKILL'), HARD_LIMIT_MS);
    const kill = () => child.kill('SIGKILL');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!; // an unterminated line may be cut by the kill: not an acknowledgement
      for (const line of lines) {
        if (line === 'ready') timer = setTimeout(kill, killAfterMs);
        const match = /^ack (\d+) (\d+)$/.exec(line);
        if (match) acks.push({ globalPosition: Number(match[1]), streamVersion: Number(match[2]) });
        if (acks.length >= killAfterAcks) kill();
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      clearTimeout(hardLimit);
      resolve({ acks, signal, stderr });
    });
  });
}

describe('durability: a committed append survives SIGKILL', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir('remo-kill-');
  });
  afterAll(() => temp.cleanup());

  // Different kill points: by ack count (early, mid, late) and by elapsed time.
  const trials = [
    { stream: 'k1', acks: 1 + Math.floor(Math.random() * 20), ms: 10_000 },
    { stream: 'k2', acks: 100 + Math.floor(Math.random() * 400), ms: 10_000 },
    { stream: 'k3', acks: 1_000_000, ms: 50 + Math.floor(Math.random() * 300) },
    { stream: 'k4', acks: 1_000 + Math.floor(Math.random() * 2_000), ms: 10_000 },
  ];

  it.each(trials)('kill point $acks acks / $ms ms on stream $stream: verify passes and every ack is present', async (trial) => {
    const dbPath = temp.path('kill.db');
    const { acks, signal, stderr } = await runAndKill(dbPath, trial.stream, trial.acks, trial.ms);
    expect(stderr).not.toMatch(/error/i); // the child failed for another reason than the kill
    expect(signal).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThan(0);

    const store = openEventStore({ path: dbPath, registry: testRegistry() });
    try {
      expect(verifyEventLog(store.db)).toMatchObject({ ok: true });
      const own = store.readOwnEvents(trial.stream);
      const last = acks[acks.length - 1]!;
      expect(own.length).toBeGreaterThanOrEqual(last.streamVersion);
      const byPosition = new Map(own.map((event) => [event.globalPosition, event]));
      for (const ack of acks) {
        expect(byPosition.get(ack.globalPosition)?.streamPosition, `ack ${ack.globalPosition}`).toBe(ack.streamVersion);
      }
    } finally {
      store.close();
    }
  });
});
