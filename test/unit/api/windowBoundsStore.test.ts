import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWindowBoundsStore } from '../../../electron/main/windowBoundsStore';

const stateFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'remo-window-')), 'window-state.json');
const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('window bounds store', () => {
  it('round-trips the bounds and the maximised flag', () => {
    const store = createWindowBoundsStore(stateFile());
    store.save({ x: 100, y: 80, width: 1200, height: 800, maximized: true });
    expect(store.load([laptop])).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximized: true });
  });

  it('ignores a window whose title bar is on no screen any more (monitor unplugged)', () => {
    const file = stateFile();
    const store = createWindowBoundsStore(file);
    store.save({ x: 2200, y: 100, width: 1400, height: 900, maximized: false });
    expect(store.load([laptop, rightMonitor])).toMatchObject({ x: 2200 });
    expect(store.load([laptop])).toBeUndefined();
    // Only a sliver of the title bar on screen is not enough to grab it.
    store.save({ x: 1900, y: 100, width: 1400, height: 900, maximized: false });
    expect(store.load([laptop])).toBeUndefined();
    store.save({ x: 200, y: 1070, width: 1400, height: 900, maximized: false });
    expect(store.load([laptop])).toBeUndefined();
  });

  it('ignores a missing, corrupt or out-of-range file', () => {
    const file = stateFile();
    const store = createWindowBoundsStore(file);
    expect(store.load([laptop])).toBeUndefined();
    for (const content of ['{oops', 'null', '[]', JSON.stringify({ x: 0, y: 0, width: 10, height: 10, maximized: false }), JSON.stringify({ x: 0, y: 0, width: 1200, height: 800 }), JSON.stringify({ x: '0', y: 0, width: 1200, height: 800, maximized: false }), JSON.stringify({ x: 0, y: 0, width: 1200, height: 800, maximized: false, extra: 1 })]) {
      writeFileSync(file, content);
      expect(store.load([laptop]), content).toBeUndefined();
    }
  });

  it('does not overwrite the last good state with a degenerate one (a minimised window)', () => {
    const file = stateFile();
    const store = createWindowBoundsStore(file);
    store.save({ x: 10, y: 10, width: 1000, height: 700, maximized: false });
    store.save({ x: -32000, y: -32000, width: 0, height: 0, maximized: false });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1000, height: 700 });
  });
});
