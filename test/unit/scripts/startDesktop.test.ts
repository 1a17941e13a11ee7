import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start (scripts/start-desktop.mjs)', () => {
  it('without an Electron binary prints one line pointing at start:web and exits 1, building nothing', () => {
    // An empty override folder: no binary, wherever the test runs (electron's own resolution rule).
    const empty = mkdtempSync(path.join(tmpdir(), 'remo-no-electron-'));
    const result = spawnSync(process.execPath, ['scripts/start-desktop.mjs'], { encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty } });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron binary is not installed/);
    expect(lines[0]).toContain('npm run start:web');
  });
});
