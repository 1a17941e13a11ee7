import { describe, expect, it } from 'vitest';
import { createRun, executeRun, type EngineDeps } from '../../../electron/core/engine';
import { promptBudget } from '../../../electron/core/engine/context/promptBudget';
import { loadRunState } from '../../../electron/core/engine/loadRunState';
import type { ChatRequest, LlmGateway } from '../../../electron/core/llm/types';
import type { ContextCondensedData, ModelFactsRecordedData } from '../../../shared/events/run/runEventTypes';
import { estimateMessagesTokens } from '../../../shared/prompts/estimateTokens';
import { comparable, createEngineWorld, smallEngineConfig, type EngineWorld } from './engineTestKit';
import { appendSyntheticEpoch } from './fixtures/syntheticEpoch';

/** Steps of one paper-full epoch: 6,973 training items in minibatches of 3. */
const PAPER_FULL_STEPS = Math.ceil(6973 / 3);
const CONDENSE_SYSTEM = 'You help review a prompt-optimization run';

interface Sent { role: string; tokens: number; condense: boolean; cached: boolean }

/** The run's gateway, recording every chat request's estimated size; `onChat` may abort. */
function recording(llm: LlmGateway, sent: Sent[], onChat?: (request: ChatRequest) => void): LlmGateway {
  return {
    embeddingDimensions: llm.embeddingDimensions,
    embed: (texts, options) => llm.embed(texts, options),
    testConnection: (name) => llm.testConnection(name),
    contextWindow: (name, signal) => llm.contextWindow!(name, signal),
    async chat(request) {
      onChat?.(request);
      const result = await llm.chat(request);
      sent.push({
        role: request.role, tokens: estimateMessagesTokens(request.messages),
        condense: request.messages[0]!.content.startsWith(CONDENSE_SYSTEM), cached: result.record.cached,
      });
      return result;
    },
  };
}

/** Without the volatile parts: latencies, and whether a call was answered from the cache. */
function stable(events: readonly { type: string; data: unknown }[]): unknown {
  return JSON.parse(JSON.stringify(comparable(events), (key, value: unknown) => (key === 'cached' || key === 'attempts' ? undefined : value)));
}

async function paperFullRun(world: EngineWorld) {
  const config = smallEngineConfig(world.simulator.url, {
    method: 'remo-optimizer', epochs: 1, stepsPerEpoch: PAPER_FULL_STEPS, measureSeed: false, split: { train: 60, val: 9, test: 9 },
  });
  const base = world.deps(config);
  const { runId } = await createRun(base, config);
  appendSyntheticEpoch(world.store, runId, PAPER_FULL_STEPS);
  return { base, runId };
}

describe('prompts fit the context window (simulated 40,960-token server, paper-full epoch)', () => {
  it('reads the window from the server, condenses the reflector\'s 2,325 steps hierarchically, and no request exceeds its budget', async () => {
    const world = await createEngineWorld({ seed: 2, contextTokens: 40_960 });
    try {
      const { base, runId } = await paperFullRun(world);
      const sent: Sent[] = [];
      const deps: EngineDeps = { ...base, llm: recording(base.llm, sent) };
      expect((await executeRun(deps, runId)).status).toBe('completed');

      const events = world.store.readStream(runId);
      const facts = events.find((e) => e.type === 'ModelFactsRecorded')!.data as ModelFactsRecordedData;
      expect(facts.endpoints).toEqual([{ name: 'sim', model: 'remo-simulator', contextTokens: 40_960, source: 'server' }]);

      const state = loadRunState(world.store.readStream.bind(world.store), runId);
      for (const call of sent) {
        const budget = promptBudget(state, state.config!, call.role as 'reflector');
        expect(call.tokens, `${call.role} request of ${call.tokens} tokens`).toBeLessThanOrEqual(budget);
      }
      expect(promptBudget(state, state.config!, 'reflector')).toBe(40_960 - 4096);

      const condensed = events.filter((e) => e.type === 'ContextCondensed').map((e) => e.data as ContextCondensedData);
      expect(condensed).toHaveLength(1);
      const c = condensed[0]!;
      expect(c).toMatchObject({ role: 'reflector', part: 'epoch-steps', method: 'summaries', itemsBefore: PAPER_FULL_STEPS, budgetTokens: 40_960 - 4096 });
      // Far more than the window before; within it after.
      expect(c.tokensBefore).toBeGreaterThan(90_000);
      expect(c.tokensAfter).toBeLessThan(c.budgetTokens);
      expect(c.levels[0]!.chunks).toBeGreaterThan(5);
      expect(c.calls).toHaveLength(c.levels.reduce((sum, l) => sum + l.chunks, 0));
      expect(sent.filter((s) => s.condense)).toHaveLength(c.calls.length);
      // The condensed event comes right before the reflection it served, in the same phase.
      const at = events.findIndex((e) => e.type === 'ContextCondensed');
      expect(events[at + 1]!.type).toBe('ReflectionWritten');
      // The digests cover the epoch in order, first step to last.
      expect(c.summaries![0]).toMatch(/^steps 1-/);
      expect(c.summaries!.at(-1)).toMatch(new RegExp(`-${PAPER_FULL_STEPS}: `));
    } finally {
      await world.dispose();
    }
  }, 120_000);

  it('an interrupted condensation resumes to the same log, and a logged one is never redone', async () => {
    const reference = await createEngineWorld({ seed: 2 });
    let expected: unknown;
    try {
      const { base, runId } = await paperFullRun(reference);
      expect((await executeRun(base, runId)).status).toBe('completed');
      expected = stable(reference.store.readStream(runId).slice(1));
    } finally {
      await reference.dispose();
    }

    const world = await createEngineWorld({ seed: 2 });
    try {
      const { base, runId } = await paperFullRun(world);
      // 1) Abort in the middle of the condensation: nothing of the reflect phase is appended.
      const first = new AbortController();
      const sent1: Sent[] = [];
      let condenseRequests = 0;
      const out1 = await executeRun({ ...base, llm: recording(base.llm, sent1, (r) => {
        if (r.messages[0]!.content.startsWith(CONDENSE_SYSTEM) && ++condenseRequests === 4) first.abort();
      }) }, runId, { signal: first.signal });
      expect(out1.status).toBe('interrupted');
      expect(world.store.readStream(runId).some((e) => e.type === 'ContextCondensed')).toBe(false);
      // 2) Abort at the meta-controller: the condensation and the reflection are logged by then.
      const second = new AbortController();
      const sent2: Sent[] = [];
      const out2 = await executeRun({ ...base, llm: recording(base.llm, sent2, (r) => {
        if (r.role === 'metaController') second.abort();
      }) }, runId, { signal: second.signal });
      expect(out2.status).toBe('interrupted');
      expect(world.store.readStream(runId).some((e) => e.type === 'ContextCondensed')).toBe(true);
      // The summaries finished before the first abort came from the response cache, not the model.
      expect(sent2.filter((s) => s.condense && s.cached).length).toBeGreaterThanOrEqual(sent1.filter((s) => s.condense).length);
      // 3) Resume to the end: no condensation call again.
      const sent3: Sent[] = [];
      expect((await executeRun({ ...base, llm: recording(base.llm, sent3) }, runId)).status).toBe('completed');
      expect(sent3.filter((s) => s.condense)).toEqual([]);
      expect(stable(world.store.readStream(runId).slice(1))).toEqual(expected);
    } finally {
      await world.dispose();
    }
  }, 180_000);

  it('a small window: critic, optimizer and solver requests are cut to fit, and each cut is recorded', async () => {
    const world = await createEngineWorld({ seed: 5, contextTokens: 2048 });
    try {
      const config = smallEngineConfig(world.simulator.url, {
        method: 'remo', batchSize: 12, split: { train: 24, val: 6, test: 6 }, initialPrompt: 'Solve it.', retrievalThreshold: 0,
        critiqueScope: 'all', context: { replyTokens: 512 },
        // TextGrad's max_tokens 2000 would leave a 2,048-token window no room for any prompt (the
        // server refuses such a request): replies are capped at 512 here, as the reservation says.
        roles: Object.fromEntries(['solver', 'critic', 'optimizer'].map((role) => [role, { sampling: { maxTokens: 512 } }])),
      });
      const base = world.deps(config);
      const { runId } = await createRun(base, config);
      const sent: Sent[] = [];
      expect((await executeRun({ ...base, llm: recording(base.llm, sent) }, runId)).status).toBe('completed');
      const state = loadRunState(world.store.readStream.bind(world.store), runId);
      expect(state.modelFacts.endpoints[0]!.contextTokens).toBe(2048);
      for (const call of sent) {
        expect(call.tokens, `${call.role} request of ${call.tokens} tokens`).toBeLessThanOrEqual(promptBudget(state, state.config!, call.role as 'critic'));
      }
      const cuts = world.store.readStream(runId).filter((e) => e.type === 'ContextCondensed').map((e) => e.data as ContextCondensedData);
      const parts = new Set(cuts.map((c) => c.part));
      expect(parts.has('optimizer-feedback')).toBe(true);
      for (const cut of cuts) {
        expect(cut.tokensAfter).toBeLessThanOrEqual(cut.budgetTokens);
        expect(cut.tokensBefore).toBeGreaterThan(cut.budgetTokens);
      }
    } finally {
      await world.dispose();
    }
  }, 120_000);
});
