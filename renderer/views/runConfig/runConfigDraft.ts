import type { Method } from '../../../shared/api/runViews';
import { DEFAULT_ENDPOINT, TEXTGRAD_SEED_PROMPT, type PresetName } from '../../../shared/config/runConfig';

/** The model-server choice that leaves the endpoints to the host (`remo web`'s defaults). */
export const HOST_DEFAULT = 'default';
/** The sizes choice for split sizes of one's own instead of a preset. */
export const CUSTOM_SIZES = 'custom';
export type SizesChoice = PresetName | typeof CUSTOM_SIZES;

export interface ServerFields { kind: string; baseURL: string; model: string; apiKeyEnv: string; concurrency: string }
export interface MemoryFields { fromRunId: string; atEpoch: string; notebook: boolean; optimizerInstructions: boolean }
export interface SplitFields { train: string; val: string; test: string }

/**
 * What the run-config fields hold, as typed (strings for numbers, so a half-typed value is kept
 * and the core says what is wrong with it). `method` and `name` belong to a single run's form; an
 * experiment's base config leaves them to its grid.
 */
export interface RunConfigDraft {
  method: Method;
  name: string;
  sizes: SizesChoice;
  split: SplitFields;
  epochs: string;
  /** Empty: the preset's schedule (one full pass over train for custom sizes). */
  stepsPerEpoch: string;
  prompt: string;
  server: ServerFields;
  memory: MemoryFields;
}

export const INITIAL_DRAFT: RunConfigDraft = {
  method: 'remo',
  name: '',
  sizes: 'textgrad-dspy',
  split: { train: '6', val: '8', test: '10' },
  epochs: '3',
  stepsPerEpoch: '',
  prompt: TEXTGRAD_SEED_PROMPT,
  server: { kind: HOST_DEFAULT, baseURL: DEFAULT_ENDPOINT.baseURL, model: DEFAULT_ENDPOINT.model, apiKeyEnv: '', concurrency: '32' },
  memory: { fromRunId: '', atEpoch: '', notebook: true, optimizerInstructions: true },
};

/** A typed number, or NaN for an empty field (the core then names the field). */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The endpoint the fields describe, or nothing when the host's default endpoints should be used. */
export function endpointOf(server: ServerFields): Record<string, unknown> | undefined {
  if (server.kind === HOST_DEFAULT) return undefined;
  return {
    name: 'server',
    kind: server.kind,
    baseURL: server.baseURL.trim(),
    model: server.model.trim(),
    concurrency: numberOf(server.concurrency),
    // The key itself never goes into a config: only the name of the variable the host reads it from.
    ...(server.apiKeyEnv.trim() ? { apiKeyEnv: server.apiKeyEnv.trim() } : {}),
  };
}

/**
 * The config the draft describes without `method` and `name`: what every run of an experiment
 * shares (its base), and the rest of a single run's config.
 */
export function baseConfigOf(draft: RunConfigDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (draft.sizes === CUSTOM_SIZES) out.split = { train: numberOf(draft.split.train), val: numberOf(draft.split.val), test: numberOf(draft.split.test) };
  else out.preset = draft.sizes;
  out.epochs = numberOf(draft.epochs);
  if (draft.stepsPerEpoch.trim() !== '') out.stepsPerEpoch = numberOf(draft.stepsPerEpoch);
  if (draft.prompt.trim() !== TEXTGRAD_SEED_PROMPT) out.initialPrompt = draft.prompt;
  const endpoint = endpointOf(draft.server);
  if (endpoint) out.endpoints = [endpoint];
  const memory = draft.memory;
  if (memory.fromRunId) {
    out.memory = {
      fromRunId: memory.fromRunId, notebook: memory.notebook, optimizerInstructions: memory.optimizerInstructions,
      ...(memory.atEpoch.trim() ? { atEpoch: Number(memory.atEpoch) } : {}),
    };
  }
  return out;
}

/** A single run's config: the base plus its method and (when given) its name. */
export function runConfigOf(draft: RunConfigDraft): Record<string, unknown> {
  return { method: draft.method, ...(draft.name.trim() ? { name: draft.name.trim() } : {}), ...baseConfigOf(draft) };
}
