import { describe, expect, it } from 'vitest';
import { condenseUnits, type Unit } from '../../../electron/core/engine/context/condenseUnits';
import type { PhaseContext } from '../../../electron/core/engine/phaseContext';
import { currentTemplateVersions, findPromptsDir, loadTemplates } from '../../../electron/core/engine/promptTemplates';
import { DEFAULT_CONTEXT_SETTINGS, type RunConfig } from '../../../shared/config/runConfig';
import type { ChatMessageShape } from '../../../shared/prompts/chatMessage';
import { estimateMessagesTokens, estimateTokens } from '../../../shared/prompts/estimateTokens';

const dir = findPromptsDir();
const templates = loadTemplates(dir, currentTemplateVersions(dir));

/** A phase context whose model replies with a long digest (600 words) naming the stretch it read. */
function stubContext(context: Partial<RunConfig['context']> = {}) {
  const requests: ChatMessageShape[][] = [];
  const ctx = {
    templates,
    config: { parallelism: 4, context: { ...DEFAULT_CONTEXT_SETTINGS, ...context } } as RunConfig,
    async chat(_role: string, messages: ChatMessageShape[]) {
      requests.push(messages);
      const stretch = /steps (\d+) to (\d+)/.exec(messages[1]!.content)!;
      const text = `Digest of ${stretch[1]}-${stretch[2]}: ${Array.from({ length: 600 }, (_, i) => `point${i}`).join(' ')}`;
      return { text, call: { role: 'reflector', endpoint: 'e', model: 'm', promptTokens: 1, completionTokens: 1, latencyMs: 0, attempts: 1, finishReason: 'stop', cached: false } };
    },
  } as unknown as PhaseContext;
  return { ctx, requests };
}

const units = (n: number): Unit[] => Array.from({ length: n }, (_, i) => ({ from: i + 1, to: i + 1, text: `- step ${i + 1}: 1/3 wrong; feedback: ${'the model confused units and rates again '.repeat(8)}; outcome: no update` }));
const render = (list: readonly Unit[]) => list.map((u) => u.text).join('\n');

describe('condenseUnits', () => {
  it('returns the list unchanged, with no call and no event, when it fits', async () => {
    const { ctx, requests } = stubContext();
    const result = await condenseUnits(ctx, { role: 'reflector', part: 'epoch-steps', what: 'steps', epoch: 1, step: null, units: units(10), roomTokens: 100_000, budgetTokens: 100_000, render });
    expect(result.event).toBeNull();
    expect(result.text).toBe(render(units(10)));
    expect(requests).toEqual([]);
  });

  it('summarises chunks, then summaries of summaries, until the digest fits; every call within the budget', async () => {
    const { ctx, requests } = stubContext({ chunkTokens: 2000, summaryTokens: 400 });
    const budgetTokens = 5000;
    const roomTokens = 3000;
    const result = await condenseUnits(ctx, { role: 'reflector', part: 'epoch-steps', what: 'steps', epoch: 1, step: null, units: units(300), roomTokens, budgetTokens, render });
    const event = result.event!;
    expect(event.levels.length).toBeGreaterThanOrEqual(2);
    expect(event.levels[0]!.chunks).toBeGreaterThan(event.levels[1]!.chunks);
    for (const level of event.levels) expect(level.tokensAfter).toBeLessThan(level.tokensBefore);
    expect(estimateTokens(result.text)).toBeLessThanOrEqual(roomTokens);
    expect(event.tokensBefore).toBeGreaterThan(roomTokens);
    expect(event.calls).toHaveLength(requests.length);
    for (const messages of requests) expect(estimateMessagesTokens(messages)).toBeLessThanOrEqual(budgetTokens);
    // Level-2 requests read digests, and say so; the final digests still span step 1 to 300.
    expect(requests.at(-1)![1]!.content).toContain('digests of digests, level');
    expect(event.summaries![0]).toMatch(/^steps 1-/);
    expect(event.summaries!.at(-1)).toMatch(/-300: /);
    // Each digest was cut to summaryTokens (the stub's are far longer).
    for (const s of event.summaries!) expect(estimateTokens(s)).toBeLessThanOrEqual(400 + 10);
  });

  it('is deterministic: the same units give the same requests and digest', async () => {
    const a = stubContext({ chunkTokens: 2000, summaryTokens: 400 });
    const b = stubContext({ chunkTokens: 2000, summaryTokens: 400 });
    const args = { role: 'reflector' as const, part: 'epoch-steps', what: 'steps', epoch: 1, step: null, units: units(120), roomTokens: 1500, budgetTokens: 5000, render };
    const ra = await condenseUnits(a.ctx, args);
    const rb = await condenseUnits(b.ctx, args);
    expect(ra).toEqual(rb);
    expect(a.requests).toEqual(b.requests);
  });
});
