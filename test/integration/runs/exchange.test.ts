import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/composition/createCore';
import { exportRunLines, importRunLines } from '../../../electron/core/exchange';
import { checksumProjectionTables } from '../../../electron/core/projections/checksumProjectionTables';
import { createTestWorld, smallConfig, type TestWorld } from './runFixtures';

const checksum = (core: Core) => checksumProjectionTables(core.store.db, core.store.projections);
const exportText = (core: Core, runId: string) => exportRunLines(core.store, runId, () => new Date('2026-01-01T00:00:00Z')).join('\n') + '\n';

describe('export / import of runs (JSONL)', { timeout: 90_000 }, () => {
  let world: TestWorld;
  const cores: Core[] = [];
  const open = async (name: string): Promise<Core> => {
    const core = await createCore({ dbPath: world.dbPath(name) });
    cores.push(core);
    return core;
  };

  beforeEach(async () => {
    world = await createTestWorld({ latencyMs: 2 });
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await world.dispose();
  });

  it('round-trips a run into a fresh database with identical projections, and re-import is a no-op', async () => {
    const source = await open('source.db');
    const { runId } = await source.runs.start(smallConfig(world.simulator.url));
    await source.runs.waitForRun(runId);
    const text = exportText(source, runId);
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ format: 'remo-run-export', version: 1, runId });

    const target = await open('target.db');
    const result = importRunLines(target.importDeps, text);
    expect(result).toEqual({ runId, written: source.store.lastGlobalPosition(), alreadyPresent: 0, runIds: [runId] });
    expect(checksum(target)).toBe(checksum(source));
    expect(target.runs.summary(runId)).toEqual(source.runs.summary(runId));
    expect(target.runs.stateAt(runId, { epoch: 1 })).toEqual(source.runs.stateAt(runId, { epoch: 1 }));

    expect(importRunLines(target.importDeps, text)).toEqual({ runId, written: 0, alreadyPresent: result.written, runIds: [runId] });
    expect(checksum(target)).toBe(checksum(source));
  });

  it('exports a fork with the parent events it reads; the import reproduces its views', async () => {
    const source = await open('source.db');
    const { runId } = await source.runs.start(smallConfig(world.simulator.url));
    await source.runs.waitForRun(runId);
    const { runId: forkId } = await source.runs.fork(runId, { epoch: 1 }, { epochs: 3 });
    await source.runs.waitForRun(forkId);

    const target = await open('target.db');
    importRunLines(target.importDeps, exportText(source, forkId));
    expect(target.runs.summary(forkId)).toEqual({ ...source.runs.summary(forkId), parentPosition: target.runs.summary(forkId).parentPosition });
    const strip = (view: ReturnType<Core['runs']['stateAt']>) => ({ ...view, position: 0, metrics: view.metrics.map((m) => ({ ...m, position: 0 })), notebook: view.notebook.map((n) => ({ ...n, updatedAt: 0 })) });
    expect(strip(target.runs.stateAt(forkId, 'end'))).toEqual(strip(source.runs.stateAt(forkId, 'end')));

    // Importing the whole parent afterwards is refused: the target holds a different (shorter) history of it.
    expect(() => importRunLines(target.importDeps, exportText(source, runId))).toThrow(/already exists|fewer events/);

    // Parent first, then the fork: the parent's prefix is recognised as present, the fork attaches
    // to it, and the database ends up identical to the source.
    const both = await open('both.db');
    importRunLines(both.importDeps, exportText(source, runId));
    const forkResult = importRunLines(both.importDeps, exportText(source, forkId));
    expect(forkResult.alreadyPresent).toBeGreaterThan(0);
    expect(both.runs.summary(forkId)).toEqual(source.runs.summary(forkId));
    expect(checksum(both)).toBe(checksum(source));
  });

  it('changes nothing when a file is corrupted, truncated, or conflicts with an existing run', async () => {
    const source = await open('source.db');
    const { runId } = await source.runs.start(smallConfig(world.simulator.url));
    await source.runs.waitForRun(runId);
    const lines = exportText(source, runId).trimEnd().split('\n');

    const target = await open('target.db');
    const before = { position: target.store.lastGlobalPosition(), checksum: checksum(target) };
    const attempts: Array<[string, string, RegExp]> = [
      ['truncated', [...lines.slice(0, -1)].join('\n'), /announces/],
      ['edited value', lines.map((l, i) => (i === 3 ? l.replace(/"correct":(true|false)/, '"correct":"maybe"') : l)).join('\n'), /checksum/],
      ['not json', [lines[0], '{oops', ...lines.slice(2)].join('\n'), /checksum|not JSON/],
      ['empty', '', /empty/],
      ['wrong header', [JSON.stringify({ format: 'other' }), ...lines.slice(1)].join('\n'), /line 1/],
    ];
    for (const [, text, message] of attempts) {
      expect(() => importRunLines(target.importDeps, text)).toThrow(message);
      expect(target.store.lastGlobalPosition()).toBe(before.position);
      expect(checksum(target)).toBe(before.checksum);
    }

    // A different run under the same id: refused, nothing written.
    const other = await open('other.db');
    const otherRun = await other.runs.start(smallConfig(world.simulator.url, { seed: 1 }));
    await other.runs.waitForRun(otherRun.runId);
    importRunLines(target.importDeps, exportText(other, otherRun.runId));
    const afterFirst = { position: target.store.lastGlobalPosition(), checksum: checksum(target) };
    const renamed = exportText(source, runId).split(runId).join(otherRun.runId);
    // The rename invalidates the checksum; rebuild the header the way an honest exporter would.
    const renamedLines = renamed.trimEnd().split('\n');
    const { sha256OfLines } = await import('../../../electron/core/exchange/exchangeFormat');
    const header = { ...JSON.parse(renamedLines[0]!), sha256: sha256OfLines(renamedLines.slice(1)) };
    expect(() => importRunLines(target.importDeps, [JSON.stringify(header), ...renamedLines.slice(1)].join('\n'))).toThrow(/already exists/);
    expect(target.store.lastGlobalPosition()).toBe(afterFirst.position);
    expect(checksum(target)).toBe(afterFirst.checksum);
  });
});
