import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/composition/createCore';
import { apiDepsFromCore, createApiService } from '../../../electron/core/api';
import { sha256OfLines } from '../../../electron/core/exchange/exchangeFormat';
import { createApiClient } from '../../../shared/api/transport';
import { runRemo } from '../cli/cliHarness';
import { corpusPath, createBadInputCore, expectClearMessage, expectFailure, loadManifest, patternOf, type BadInputCore } from './badInputHarness';

interface ExportCase {
  id: string;
  file?: string;
  generate?: keyof typeof GENERATORS;
  via?: 'api' | 'both';
  expect: string;
  forbid?: string;
  codes?: string[];
}

type Json = Record<string, unknown>;

/** A run id in the format the core makes (r + 10 hex digits), fresh per case and transport, not in the test database. */
function freshRunId(label: string): string {
  return `r${createHash('sha256').update(label).digest('hex').slice(0, 10)}`;
}
/** The id the renamed base gets (per call, so a wrongly accepted case cannot make the next one "already present"). */
let renameTo = freshRunId('base');
const SECRET = 'sk-test-SECRET-0123456789abcdef';

interface ExportFile {
  header: Json;
  events: Json[];
}

function parseExport(content: string): ExportFile {
  const lines = content.split('\n').filter((line) => line !== '');
  return { header: JSON.parse(lines[0]!) as Json, events: lines.slice(1).map((line) => JSON.parse(line) as Json) };
}

/** Writes the file back with eventCount, streams and sha256 matching its event lines. */
function serialize({ header, events }: ExportFile): string {
  const lines = events.map((event) => JSON.stringify(event));
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.streamId as string, (counts.get(event.streamId as string) ?? 0) + 1);
  const fixed = { ...header, eventCount: lines.length, sha256: sha256OfLines(lines), streams: [...counts].map(([streamId, n]) => ({ streamId, events: n })) };
  return [JSON.stringify(fixed), ...lines].map((line) => line + '\n').join('');
}

/** The same file for a run id this database does not hold: it would import, but for the defect a case adds. */
function renamed(content: string, from: string): ExportFile {
  return parseExport(content.split(from).join(renameTo));
}

function firstOfType(file: ExportFile, type: string): Json {
  const event = file.events.find((e) => e.type === type);
  if (!event) throw new Error(`the seeded export holds no ${type} event`);
  return event;
}

/** Each takes the seeded run's export (content) and its run id, and returns the damaged file's text. */
const GENERATORS = {
  'drop-last-line': (content: string) => content.split('\n').slice(0, -2).join('\n') + '\n',
  'cut-mid-line': (content: string) => content.slice(0, content.length - Math.floor(content.split('\n').at(-2)!.length / 2) - 1),
  'edit-without-checksum': (content: string) => {
    const lines = content.split('\n');
    lines[2] = lines[2]!.replace(/"recordedAt":"20/, '"recordedAt":"19');
    return lines.join('\n');
  },
  'header-version-2': (content: string) => serialize({ ...parseExport(content), header: { ...parseExport(content).header, version: 2 } }),
  'header-unknown-key': (content: string) => serialize({ ...parseExport(content), header: { ...parseExport(content).header, signature: 'trust me' } }),
  'header-other-run': (content: string, runId: string) => {
    const file = renamed(content, runId);
    return serialize({ ...file, header: { ...file.header, runId: 'r0ther00001' } });
  },
  'swap-lines': (content: string, runId: string) => {
    const file = renamed(content, runId);
    [file.events[1], file.events[2]] = [file.events[2]!, file.events[1]!];
    return serialize(file);
  },
  'global-position-decreases': (content: string, runId: string) => {
    const file = renamed(content, runId);
    file.events[2]!.globalPosition = (file.events[1]!.globalPosition as number) - 1;
    return serialize(file);
  },
  'drop-middle-event': (content: string, runId: string) => {
    const file = renamed(content, runId);
    file.events.splice(1, 1);
    return serialize(file);
  },
  'event-extra-field': (content: string, runId: string) => {
    const file = renamed(content, runId);
    file.events[1] = { ...file.events[1], extra: 1 };
    return serialize(file);
  },
  'event-schema-99': (content: string, runId: string) => {
    const file = renamed(content, runId);
    file.events[file.events.length - 1]!.schemaVersion = 99;
    return serialize(file);
  },
  'unknown-event-type': (content: string, runId: string) => {
    const file = renamed(content, runId);
    file.events[file.events.length - 1]!.type = 'RunTeleported';
    return serialize(file);
  },
  'inline-api-key': (content: string, runId: string) => {
    const file = renamed(content, runId);
    const data = firstOfType(file, 'RunStarted').data as { config?: { endpoints?: Json[] } };
    const endpoint = data.config?.endpoints?.[0];
    if (!endpoint) throw new Error('RunStarted holds no config.endpoints[0]');
    endpoint.apiKey = SECRET;
    return serialize(file);
  },
  conflict: (content: string) => {
    const file = parseExport(content);
    const last = file.events[file.events.length - 1]!;
    last.recordedAt = '2001-01-01T00:00:00.000Z';
    return serialize(file);
  },
} satisfies Record<string, (content: string, runId: string) => string>;

const cases = loadManifest<ExportCase>('exports');

describe('bad run export files: runs.import refuses them, names the problem, writes nothing', { timeout: 180_000 }, () => {
  let t: BadInputCore;
  let exported: string;
  beforeAll(async () => {
    t = await createBadInputCore();
    const result = await t.client.call('runs.export', { runId: t.seededRunId });
    if (!result.ok) throw new Error(result.error.message);
    exported = result.value.content;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  function contentOf(testCase: ExportCase, via: 'api' | 'cli'): string {
    renameTo = freshRunId(`${testCase.id} ${via}`);
    if (testCase.generate) return GENERATORS[testCase.generate](exported, t.seededRunId);
    return readFileSync(corpusPath('exports', testCase.file!), 'utf8');
  }

  it('the corpus has at least 8 export cases; the renamed export (every generator\'s base) imports into an empty database', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    renameTo = freshRunId('base');
    const scratch = await createCore({ dbPath: ':memory:' });
    try {
      const client = createApiClient(createApiService(apiDepsFromCore(scratch, { version: '0.0.0' })).inProcess());
      const result = await client.call('runs.import', { content: serialize(renamed(exported, t.seededRunId)) });
      expect(result.ok && result.value.runId, JSON.stringify(result)).toBe(renameTo);
    } finally {
      await scratch.close();
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))('api: %s', async (_id, testCase) => {
    const content = contentOf(testCase, 'api');
    const before = t.fingerprint();
    const listedBefore = await t.client.call('runs.list', { includeArchived: true });
    const result = await t.client.call('runs.import', { content });
    const error = expectFailure(result, testCase.codes ?? ['bad-request']);
    expectClearMessage(error.message, patternOf(testCase.expect), 'runs.import error');
    if (testCase.forbid) expect(error.message).not.toMatch(patternOf(testCase.forbid));
    expect(t.fingerprint()).toEqual(before);
    expect(await t.client.call('runs.list', { includeArchived: true })).toEqual(listedBefore);
  });

  it.each(cases.filter((c) => c.via === 'both').map((c) => [c.id, c] as const))('cli: %s', async (_id, testCase) => {
    const file = path.join(t.dir, `${testCase.id}.jsonl`);
    writeFileSync(file, contentOf(testCase, 'cli'));
    const before = t.fingerprint();
    const result = await runRemo(['import', file, '--db', t.core.dbPath]);
    expect(result.code, `exit code; stdout: ${result.stdout.slice(0, 300)}`).toBe(2);
    expectClearMessage(result.stderr, patternOf(testCase.expect), 'stderr');
    if (testCase.forbid) expect(result.stderr + result.stdout).not.toMatch(patternOf(testCase.forbid));
    expect(t.fingerprint()).toEqual(before);
  });
});
