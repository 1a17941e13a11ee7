/**
 * Zod schemas and schema versions of the run events, for the store's registry: every append is
 * validated, so a malformed event never reaches the log. Bump `version` and add an upcaster when a
 * shape changes; never edit the meaning of a shipped version.
 */
import { z } from 'zod';
import { METHODS } from '../../api/runViews';
import { callsSchema } from './callRecord';
import type { RunEventType } from './runEventTypes';

const retrieved = z.array(z.object({ entryId: z.number().int(), score: z.number() }));
const int = z.number().int();
const rate = z.number().min(0).max(1);
const attempts = z.array(z.object({ reply: z.string(), ok: z.boolean(), reason: z.string().optional() }));
const config = z.object({ method: z.enum(METHODS), epochs: int, batchSize: int }).loose();
const answerRef = z.object({
  itemId: z.string(), requestKey: z.string(), correct: z.boolean(), predicted: z.string().nullable(), retrieved, reused: z.boolean(),
});

export const RUN_EVENT_SCHEMAS: Record<RunEventType, { version: number; schema: z.ZodType }> = {
  RunStarted: { version: 1, schema: z.object({
    runId: z.string(), config,
    dataset: z.object({ name: z.string(), hash: z.string(), itemCount: int }),
    split: z.object({ train: z.array(z.string()), val: z.array(z.string()), test: z.array(z.string()) }),
    templates: z.record(z.string(), z.string()),
    memory: z.object({ fromRunId: z.string(), position: int, notebook: z.boolean(), optimizerInstructions: z.boolean() }).nullable(),
    simulated: z.boolean(),
  }) },
  RunForked: { version: 1, schema: z.object({
    parentRunId: z.string(), parentPosition: int, overrides: z.record(z.string(), z.unknown()), config, simulated: z.boolean(),
  }) },
  SolverAnswered: { version: 1, schema: z.object({
    itemId: z.string(), purpose: z.enum(['train', 'eval']), requestKey: z.string(), retrieved, response: z.string(),
    thinking: z.string().optional(), predicted: z.string().nullable(), correct: z.boolean(), lessonsDropped: int.optional(), calls: callsSchema,
  }) },
  TrainBatchAnswered: { version: 1, schema: z.object({ epoch: int, step: int, items: z.array(answerRef), calls: callsSchema }) },
  EvaluationCompleted: { version: 1, schema: z.object({
    label: z.enum(['seed-val', 'seed-test', 'gate-baseline', 'gate-candidate', 'epoch-val', 'val-prompt-only', 'test', 'test-prompt-only']),
    epoch: int, step: int, split: z.enum(['val', 'test']), promptVersion: int, withNotebook: z.boolean(),
    correct: int, total: int, accuracy: rate,
    items: z.array(z.object({ itemId: z.string(), correct: z.boolean(), reused: z.boolean() })), calls: callsSchema,
  }) },
  NotebookEntryWritten: { version: 1, schema: z.object({
    entryId: int, merge: z.enum(['new', 'same-item', 'similar']), similarity: z.number().nullable(), itemId: z.string(),
    question: z.string(), gold: z.string(), predicted: z.string().nullable(), trace: z.string(), lesson: z.string(),
    failCount: int, embedding: z.string().optional(), epoch: int, step: int, calls: callsSchema,
  }) },
  NotebookEntryResolved: { version: 1, schema: z.object({ entryId: int, itemId: z.string(), epoch: int, step: int }) },
  NotebookUpdated: { version: 1, schema: z.object({ epoch: int, step: int, written: int, resolved: int, calls: callsSchema }) },
  CritiqueWritten: { version: 1, schema: z.object({
    epoch: int, step: int, scope: z.enum(['failures', 'all']), feedback: z.string(),
    perItem: z.array(z.object({ itemId: z.string(), responseFeedback: z.string(), promptFeedback: z.string() })).optional(),
    calls: callsSchema,
  }) },
  CritiqueSkipped: { version: 1, schema: z.object({ epoch: int, step: int, reason: z.string() }) },
  PromptCandidateProposed: { version: 1, schema: z.object({ epoch: int, step: int, candidate: z.string(), attempts, calls: callsSchema }) },
  PromptUpdateFailed: { version: 1, schema: z.object({ epoch: int, step: int, reason: z.string(), attempts, calls: callsSchema }) },
  PromptAccepted: { version: 1, schema: z.object({
    epoch: int, step: int, version: int, text: z.string(), gated: z.boolean(), candidateVal: rate.nullable(), previousVal: rate.nullable(),
  }) },
  PromptRejected: { version: 1, schema: z.object({
    epoch: int, step: int, candidate: z.string(), candidateVal: rate, acceptedVal: rate, restoredVersion: int,
  }) },
  StepCompleted: { version: 1, schema: z.object({ epoch: int, step: int }) },
  ReflectionWritten: { version: 1, schema: z.object({ epoch: int, step: int.nullable(), text: z.string(), calls: callsSchema }) },
  OptimizerInstructionsUpdated: { version: 1, schema: z.object({ epoch: int, step: int.nullable(), version: int, text: z.string(), calls: callsSchema }) },
  OptimizerInstructionsRejected: { version: 1, schema: z.object({ epoch: int, step: int.nullable(), proposed: z.string(), reason: z.string(), calls: callsSchema }) },
  EpochCompleted: { version: 1, schema: z.object({
    epoch: int, val: rate.nullable(), valPromptOnly: rate.nullable().optional(), promptVersion: int, optimizerVersion: int, notebookSize: int,
  }) },
  RunCompleted: { version: 1, schema: z.object({ val: rate.nullable(), test: rate.nullable(), testPromptOnly: rate.nullable() }) },
  RunPaused: { version: 1, schema: z.object({ reason: z.string() }) },
  RunResumed: { version: 1, schema: z.object({ reason: z.string() }) },
  RunStopped: { version: 1, schema: z.object({ kind: z.enum(['user', 'budget']), reason: z.string() }) },
  RunFailed: { version: 1, schema: z.object({ reason: z.string(), phase: z.string() }) },
  PhaseFailed: { version: 1, schema: z.object({
    phase: z.string(), epoch: int, step: int, attempt: int, code: z.string(), message: z.string(), calls: callsSchema,
  }) },
  RunReconfigured: { version: 1, schema: z.object({ overrides: z.record(z.string(), z.unknown()), config, simulated: z.boolean() }) },
  ModelFactsRecorded: { version: 1, schema: z.object({
    endpoints: z.array(z.object({
      name: z.string(), model: z.string(), contextTokens: int, source: z.enum(['config', 'server', 'default']),
    })),
    embedder: z.object({
      endpoint: z.string(), model: z.string(), dimensions: int, lexical: z.boolean(),
      calibratedThreshold: z.number().optional(), calibrationSample: int.optional(),
    }).nullable(),
    calls: callsSchema,
  }) },
  ContextCondensed: { version: 1, schema: z.object({
    epoch: int, step: int.nullable(), role: z.string(), part: z.string(), method: z.enum(['summaries', 'clip']),
    budgetTokens: int, tokensBefore: int, tokensAfter: int,
    levels: z.array(z.object({ level: int, chunks: int, tokensBefore: int, tokensAfter: int })),
    summaries: z.array(z.string()).optional(), itemsBefore: int.optional(), itemsKept: int.optional(), maxItemChars: int.optional(),
    calls: callsSchema,
  }) },
};

export const RUN_EVENT_TYPES = Object.keys(RUN_EVENT_SCHEMAS) as RunEventType[];
