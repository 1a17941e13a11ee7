import type { Gsm8kRecord } from './gsm8kIndex';
import type { FaultKind } from './faults';

/** The model ids the simulator serves by default. Both say "sim" so nobody mistakes it for a model. */
export const SIMULATOR_MODELS = ['remo-simulator', 'qwen3-32b-sim'] as const;
export { SIMULATOR_FINGERPRINT } from '../../../../shared/events/run/callRecord';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. The host is always 127.0.0.1. */
  port?: number;
  /** Fixed delay before each reply. Default 0. */
  latencyMs?: number;
  /** Extra delay, uniform in [0, jitterMs), drawn per request from the seed. Default 0. */
  jitterMs?: number;
  /** Share of requests that get a fault, 0..1. Default 0. */
  faultRate?: number;
  /** Which faults to draw from. Default: all. */
  faultKinds?: readonly FaultKind[];
  /** Seed of every draw (answers, faults, jitter). Default 0. */
  seed?: number;
  /** When set, every /v1 request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Model ids served. Default SIMULATOR_MODELS. */
  models?: readonly string[];
  /** GSM8K records to know (tests). Default: resources/datasets/gsm8k/{train,test}.jsonl. */
  dataset?: readonly Gsm8kRecord[];
  /** Folder of train.jsonl / test.jsonl, when `dataset` is not given. */
  datasetDir?: string;
  /** Retry-After seconds sent with the rate-limit fault. Default 1. */
  retryAfterSeconds?: number;
  /** How long a 'hang' fault holds the request before answering. Default 60000. */
  hangMs?: number;
  /**
   * The context window the simulator states on /v1/models (`max_model_len`, as vLLM does) and
   * enforces: a chat whose prompt (about 4 characters a token, a real tokenizer's average) plus
   * `max_tokens` exceeds it gets vLLM's 400. Default 40960 (Qwen3-32B's native window).
   */
  contextTokens?: number;
  /** Forces the embedding size regardless of the request (to test the 384-d check). */
  embeddingDimensions?: number;
}

export interface SimulatorStats {
  /** Requests to /v1 endpoints. */
  requests: number;
  byRole: Record<string, number>;
  byPath: Record<string, number>;
  faults: Record<string, number>;
  /** Requests refused for a missing or wrong key. */
  unauthorized: number;
  inFlight: number;
  /** Highest number of /v1 requests in flight at once since start or the last reset. */
  maxInFlight: number;
}

export interface RunningSimulator {
  /** OpenAI base URL, e.g. http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly port: number;
  stats(): SimulatorStats;
  resetStats(): void;
  /** Queues faults for the next `count` chat requests, ahead of the random draw. */
  injectFaults(kind: FaultKind, count?: number): void;
  /** Resolves as soon as at least `count` /v1 requests are in flight (tests wait on it instead of sleeping). */
  whenInFlight(count: number): Promise<void>;
  /** Number of known GSM8K questions (0 when the dataset is missing). */
  knownQuestions(): number;
  stop(): Promise<void>;
}
