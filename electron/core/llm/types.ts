/**
 * The gateway contract: the engine, API and CLI talk to models only through `LlmGateway`.
 * Implementation: electron/core/llm (openai SDK). Roles, endpoints and accounting are defined here.
 */

import { ENDPOINT_KINDS, RUN_ROLES } from '../../../shared/config/runConfig';
import type { ConnectionReportView } from '../../../shared/api/contract';
import type { ThinkingSwitchName } from '../../../shared/config/thinkingSwitches';

/** The run config's vocabulary is the gateway's: one list of roles and server kinds. */
export { ENDPOINT_KINDS, RUN_ROLES as ROLES };
export type Role = (typeof RUN_ROLES)[number];
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

export interface EndpointProfile {
  /** Unique name, referenced by roles. */
  name: string;
  kind: EndpointKind;
  /** OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 */
  baseURL: string;
  model: string;
  /** Literal key (kept in memory only, never persisted) ... */
  apiKey?: string;
  /** ... or the name of an environment variable that holds it. */
  apiKeyEnv?: string;
  /** Hard cap on requests in flight to this endpoint. */
  maxConcurrency: number;
  /** Per-attempt timeout in ms. */
  timeoutMs: number;
  /** Optional group name: endpoints in one group serve the same model and share a role's load. */
  group?: string;
  /** How thinking is switched off on this server; default: its kind's (shared/config/thinkingSwitches.ts). */
  thinkingSwitch?: ThinkingSwitchName;
}

export interface Sampling {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}

export interface RoleBinding {
  /** Endpoint name, or group name: calls spread over the group's endpoints (least in flight first). */
  endpoint: string;
  sampling: Sampling;
  /** Ask for Qwen3 "standard mode" (thinking off) in the way the endpoint kind expects. Default true. */
  disableThinking?: boolean;
}

/** Every chat role bound; the embedder may be left out (then: the built-in lexical embedder). */
export type RoleBindings = Record<Exclude<Role, 'embedder'>, RoleBinding> & { embedder?: RoleBinding };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * Who waits for a call. `decision`: the run's next step depends on it (the default).
 * `measurement`: a score nothing decides on (the seed's test score, the prompt-only test); the
 * shared pool serves it only when no decision request waits for the same server.
 */
export type RequestPriority = 'decision' | 'measurement';

export interface ChatRequest {
  role: Role;
  messages: ChatMessage[];
  /** Overrides the role's sampling for this call. */
  sampling?: Sampling;
  /** Distinguishes repeated samples of the same request in the cache. Default 0. */
  sampleIndex?: number;
  signal?: AbortSignal;
  /** Bypass the response cache for this call. */
  noCache?: boolean;
  /**
   * When given, the reply is streamed (server-sent events) and each content fragment is passed
   * here as it arrives; the promise still resolves with the whole result. Cache hits call it once.
   */
  onDelta?: (fragment: string) => void;
  /** Default 'decision'. */
  priority?: RequestPriority;
}

export interface EmbedOptions {
  signal?: AbortSignal;
  /** Default 'decision'. The built-in lexical embedder runs in-process and ignores it. */
  priority?: RequestPriority;
}

/** Accounting record attached to every call. Part of the event log, so JSON only. */
export interface CallRecord {
  role: Role;
  endpoint: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  attempts: number;
  finishReason: string;
  cached: boolean;
  /**
   * The server's `system_fingerprint` for the reply, when it sent one (REMO's simulator always
   * sends "remo-simulator"); a cache hit repeats the stored one. Absent otherwise.
   */
  fingerprint?: string;
  /**
   * True when the token counts are estimates (ceil(characters / 4)) because the server sent no
   * usage; absent otherwise. A cache hit repeats the stored counts without this mark.
   */
  estimated?: boolean;
}

export interface ChatResult {
  /** The reply with any <think>…</think> block removed and trimmed. */
  text: string;
  /** The removed thinking text, if any. */
  thinking?: string;
  record: CallRecord;
}

export interface EmbedResult {
  vectors: Float32Array[];
  /** 'lexical' for the built-in hashed n-gram embedder; otherwise the endpoint's model. */
  model: string;
  dimensions: number;
  record: CallRecord;
}

/** What `testConnection` finds out; the API contract shows it as it is. */
export type ConnectionReport = ConnectionReportView;

export interface LlmGateway {
  chat(request: ChatRequest): Promise<ChatResult>;
  embed(texts: string[], options?: EmbedOptions): Promise<EmbedResult>;
  testConnection(endpointName: string): Promise<ConnectionReport>;
  /**
   * The endpoint's context window in tokens as the server states it (vLLM: `max_model_len` on
   * /v1/models), or null when it states none or cannot be asked. Optional: gateways without it
   * leave every window to the config or the default.
   */
  contextWindow?(endpointName: string, signal?: AbortSignal): Promise<number | null>;
  /** Dimension of the vectors `embed` returns (fixed for a gateway). */
  readonly embeddingDimensions: number;
}

/** Typed, user-actionable gateway errors. `code` is stable; `message` is written for the user. */
export type LlmErrorCode =
  | 'auth' // the server refused the API key
  | 'model-not-found' // lists available models in message
  | 'unreachable' // nothing listening at the URL
  | 'bad-reply' // not an OpenAI-compatible reply
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'aborted'
  | 'bad-request';

export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    readonly details: { endpoint?: string; status?: number; attempts?: number; models?: string[] } = {},
  ) {
    super(message);
    this.name = 'LlmError';
  }
}
