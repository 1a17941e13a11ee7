import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('remo sim (CLI)', () => {
  it('starts, prints its URL, serves, and stops on SIGTERM', async () => {
    // process.execPath is the project's Node 22 (vitest runs through npx).
    const child = spawn(process.execPath, [join(process.cwd(), 'electron/cli/remo.mjs'), 'sim', '--port', '0', '--seed', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 20 s; stdout=${stdout} stderr=${stderr}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /listening at (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
      });
      expect(stdout).toMatch(/^REMO SIMULATOR \(not a real model\)/);
      expect(stdout).toMatch(/GSM8K questions known: 8792/);
      const models = (await (await fetch(`${url}/models`)).json()) as { data: Array<{ id: string }> };
      expect(models.data.map((m) => m.id)).toContain('remo-simulator');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain('received SIGTERM, stopping the simulator');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects a bad flag value with a one-line usage error (exit 2)', async () => {
    const child = spawn(process.execPath, [join(process.cwd(), 'electron/cli/remo.mjs'), 'sim', '--fault-kinds', 'meteor'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('remo: unknown fault kind(s) meteor; known: rate-limit, server-error, unavailable, hang, malformed-json, length, empty-choices, think, no-tags');
  });
});
