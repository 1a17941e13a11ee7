import { setTimeout as delay } from 'node:timers/promises';
import { APIConnectionTimeoutError } from 'openai';
import type OpenAI from 'openai';
import { ROLE_HEADER } from '../../../../shared/prompts/tags';
import type { Clock, Db } from '../../store/types';
import { chatCacheKey, endpointFingerprint } from '../cache/cacheKey';
import { ResponseCache } from '../cache/responseCache';
import { EndpointPool } from '../concurrency/endpointPool';
import { LEXICAL_EMBEDDER } from '../../../../shared/config/resolveRunConfig';
import { EMBEDDING_DIMENSIONS, LEXICAL_EMBEDDER_MODEL, lexicalEmbed } from '../embedding/lexicalEmbedder';
import { BadReplyError, classifyFailure } from '../errors/classifyFailure';
import { DEFAULT_RETRY_POLICY, nextDelayMs } from '../retry/retryPolicy';
import type { RetryPolicy } from '../retry/retryPolicy';
import { stripThinking } from '../../../../shared/prompts/stripThinking';
import { applyThinkingSwitch, thinkingSwitchOf, usesLegacySwitch } from '../thinking/thinkingSwitch';
import type { ThinkingSwitchName } from '../thinking/thinkingSwitch';
import { LlmError } from '../types';
import type {
  CallRecord, ChatMessage, ChatRequest, ChatResult, ConnectionReport, EmbedOptions, EmbedResult, EndpointProfile, LlmGateway, RequestPriority, Role, RoleBinding,
  RoleBindings, Sampling,
} from '../types';
import { contextWindowFromModelList } from './contextWindowFromModelList';
import { createEndpointClient } from './endpointClient';
import { probeThinkingSwitch } from './probeThinkingSwitch';
import { assertChatCompletion, assertEmbeddings, assertModelList } from './replyShape';

/** Everything the gateway touches from outside, injected so tests and the simulator run in-process. */
export interface LlmGatewayDeps {
  endpoints: readonly EndpointProfile[];
  roles: RoleBindings;
  /** Enables the response cache (table llm_cache, migrations 0004 and 0007). */
  db?: Db;
  /** Per-run switch: false turns the cache off even when a db is given. Default true. */
  cache?: boolean;
  clock?: Clock;
  /** Uniform [0,1): backoff jitter. Seed it in tests. */
  random?: () => number;
  /** Waits `ms`; must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
  /** Where `apiKeyEnv` names are looked up. Default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  retry?: Partial<RetryPolicy>;
  /**
   * Size asked of a server embedder (`dimensions`, for models trained for truncation) and required
   * of its reply; null = the model's own size, whatever it is (one size per reply). Default 384,
   * the lexical embedder's size (what runs asked for before sizes were free).
   */
  embeddingDimensions?: number | null;
  /** Observer called once per finished call (cache hits included) with its accounting record. */
  onCall?: (record: CallRecord) => void;
  /**
   * The concurrency slots, per server. The composition root passes one pool to every gateway of a
   * process, so the runs sharing a server share its cap. Default: a pool of this gateway's own.
   */
  pool?: EndpointPool;
}

/**
 * How long a slot stays held after its request timed out, at most, waiting for the server to
 * answer or close the connection: this many times the endpoint's `timeoutMs` (so the connection
 * is aborted 1 + 3 = 4 timeouts after the request was sent). See `withRetries`.
 */
export const TIMED_OUT_HOLD_FACTOR = 3;

/**
 * One attempt's request that the gateway stopped waiting for (it timed out) while it may still be
 * running on the server: its slot is released only when `abandoned` resolves (the request settled).
 */
interface AttemptWatch {
  abandoned?: Promise<void>;
}

interface AttemptOutcome<T> {
  value: T;
  endpoint: EndpointProfile;
  attempts: number;
}

interface ChatReply {
  content: string;
  reasoning?: string;
  finishReason: string;
  promptTokens: number;
  completionTokens: number;
  /** The reply's `system_fingerprint`, when the server sent one. */
  fingerprint?: string;
  /** True when the server sent no usage and the token counts are estimates. */
  estimated: boolean;
}

/** The server's fingerprint of a reply body or chunk, when it is a non-empty string. */
function fingerprintOf(body: unknown): string | undefined {
  const value = (body as { system_fingerprint?: unknown } | null)?.system_fingerprint;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A token estimate for servers that send no usage: about four characters per token. */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * The gateway over the official openai SDK. One SDK client per endpoint (connection reuse), a
 * concurrency pool over all endpoints, one retry policy, the thinking switch per server kind, the
 * SQLite response cache, and user-actionable errors.
 */
export class OpenAiGateway implements LlmGateway {
  readonly embeddingDimensions = EMBEDDING_DIMENSIONS;
  private readonly pool: EndpointPool;
  private readonly clients = new Map<string, OpenAI>();
  private readonly targets = new Map<string, readonly EndpointProfile[]>();
  private readonly cache: ResponseCache | undefined;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly fetchImpl: typeof fetch;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly retry: RetryPolicy;

  constructor(private readonly deps: LlmGatewayDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.sleep = deps.sleep ?? ((ms, signal) => delay(ms, undefined, signal ? { signal } : undefined));
    this.fetchImpl = deps.fetch ?? globalThis.fetch;
    this.env = deps.env ?? process.env;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
    this.cache = deps.db && deps.cache !== false ? new ResponseCache(deps.db, this.clock) : undefined;
    this.pool = deps.pool ?? new EndpointPool();
  }

  /**
   * Requests in flight right now on the server this endpoint talks to, from every run sharing the
   * pool (for the UI's progress view and tests); 0 for an unknown name.
   */
  inFlight(endpointName: string): number {
    const endpoint = this.deps.endpoints.find((candidate) => candidate.name === endpointName);
    return endpoint ? this.pool.inFlight(endpoint) : 0;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const started = this.clock().getTime();
    const binding = this.binding(request.role);
    const candidates = this.candidates(binding.endpoint, request.role);
    const sampling: Sampling = { ...binding.sampling, ...request.sampling };
    const disableThinking = binding.disableThinking ?? true;
    const keyOf = (endpoint: EndpointProfile) =>
      chatCacheKey({
        model: endpoint.model,
        fingerprint: endpointFingerprint(endpoint),
        messages: request.messages,
        sampling,
        disableThinking: disableThinking && !usesLegacySwitch(endpoint) ? thinkingSwitchOf(endpoint) : disableThinking,
        sampleIndex: request.sampleIndex ?? 0,
      });
    const useCache = this.cache !== undefined && !request.noCache;

    if (useCache) {
      for (const endpoint of candidates) {
        const hit = this.cache!.lookup([keyOf(endpoint)]);
        if (!hit) continue;
        request.onDelta?.(hit.text);
        return this.finish({
          text: hit.text,
          ...(hit.thinking !== undefined ? { thinking: hit.thinking } : {}),
          record: {
            role: request.role, endpoint: endpoint.name, model: endpoint.model,
            promptTokens: hit.promptTokens, completionTokens: hit.completionTokens,
            latencyMs: this.clock().getTime() - started, attempts: 0, finishReason: hit.finishReason, cached: true,
            ...(hit.fingerprint !== undefined ? { fingerprint: hit.fingerprint } : {}),
          },
        });
      }
    }

    const outcome = await this.withRetries(request.role, candidates, request.signal, request.priority ?? 'decision', (endpoint, signal, watch) =>
      this.sendChat(endpoint, request.role, request.messages, sampling, disableThinking, signal, request.onDelta, undefined, watch),
    );
    const reply = outcome.value;
    const split = stripThinking(reply.content);
    const thinking = [reply.reasoning?.trim(), split.thinking].filter(Boolean).join('\n\n') || undefined;
    const record: CallRecord = {
      role: request.role, endpoint: outcome.endpoint.name, model: outcome.endpoint.model,
      promptTokens: reply.promptTokens, completionTokens: reply.completionTokens,
      latencyMs: this.clock().getTime() - started, attempts: outcome.attempts, finishReason: reply.finishReason, cached: false,
      ...(reply.fingerprint !== undefined ? { fingerprint: reply.fingerprint } : {}),
      ...(reply.estimated ? { estimated: true } : {}),
    };
    if (useCache) {
      this.cache!.store(keyOf(outcome.endpoint), { fingerprint: endpointFingerprint(outcome.endpoint), model: outcome.endpoint.model }, {
        text: split.text, ...(thinking !== undefined ? { thinking } : {}), finishReason: reply.finishReason,
        promptTokens: reply.promptTokens, completionTokens: reply.completionTokens, latencyMs: record.latencyMs,
        ...(reply.fingerprint !== undefined ? { fingerprint: reply.fingerprint } : {}),
      });
    }
    return this.finish({ text: split.text, ...(thinking !== undefined ? { thinking } : {}), record });
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<EmbedResult> {
    const started = this.clock().getTime();
    const binding = this.deps.roles.embedder;
    if (!binding || binding.endpoint === LEXICAL_EMBEDDER) {
      const vectors = texts.map((text) => lexicalEmbed(text));
      const record: CallRecord = {
        role: 'embedder', endpoint: LEXICAL_EMBEDDER, model: LEXICAL_EMBEDDER_MODEL,
        promptTokens: texts.reduce((sum, text) => sum + estimateTokens(text), 0), completionTokens: 0,
        latencyMs: this.clock().getTime() - started, attempts: 0, finishReason: 'stop', cached: false, estimated: true,
      };
      this.deps.onCall?.(record);
      return { vectors, model: LEXICAL_EMBEDDER_MODEL, dimensions: EMBEDDING_DIMENSIONS, record };
    }
    const candidates = this.candidates(binding.endpoint, 'embedder');
    const wanted = this.deps.embeddingDimensions === undefined ? EMBEDDING_DIMENSIONS : this.deps.embeddingDimensions;
    const outcome = await this.withRetries('embedder', candidates, options.signal, options.priority ?? 'decision', async (endpoint, signal, watch) => {
      const body = await this.giveUpAfterTimeout(endpoint, watch, this.client(endpoint).embeddings.create(
        { model: endpoint.model, input: texts, ...(wanted !== null ? { dimensions: wanted } : {}), encoding_format: 'float' },
        { signal, headers: { [ROLE_HEADER]: 'embedder' }, timeout: hardTimeoutMs(endpoint) },
      ));
      const rows = assertEmbeddings(body, texts.length);
      const size = wanted ?? rows[0]?.length ?? 0;
      const wrong = rows.find((row) => row.length !== size || row.length === 0);
      if (wrong) {
        throw new LlmError(
          'bad-reply',
          wanted !== null
            ? `Endpoint "${endpoint.name}" returned ${wrong.length}-dimensional embeddings, but ${wanted} were asked for ("embeddingDimensions"). ` +
              'Use a model trained for shorter vectors (e.g. Qwen3-Embedding), or set "embeddingDimensions": null to use the model\'s own size.'
            : `Endpoint "${endpoint.name}" returned embeddings of different sizes (${size} and ${wrong.length}) in one reply.`,
          { endpoint: endpoint.name },
        );
      }
      const usage = (body as { usage?: { prompt_tokens?: number } }).usage;
      return {
        rows,
        promptTokens: usage?.prompt_tokens ?? texts.reduce((sum, text) => sum + estimateTokens(text), 0),
        estimated: usage?.prompt_tokens === undefined,
        fingerprint: fingerprintOf(body),
      };
    });
    const record: CallRecord = {
      role: 'embedder', endpoint: outcome.endpoint.name, model: outcome.endpoint.model,
      promptTokens: outcome.value.promptTokens, completionTokens: 0,
      latencyMs: this.clock().getTime() - started, attempts: outcome.attempts, finishReason: 'stop', cached: false,
      ...(outcome.value.fingerprint !== undefined ? { fingerprint: outcome.value.fingerprint } : {}),
      ...(outcome.value.estimated ? { estimated: true } : {}),
    };
    this.deps.onCall?.(record);
    const vectors = outcome.value.rows.map((row) => Float32Array.from(row));
    return { vectors, model: outcome.endpoint.model, dimensions: vectors[0]?.length ?? wanted ?? 0, record };
  }

  /**
   * Probes an endpoint: GET /models (reachability, latency, model list), then a short chat with
   * the endpoint's thinking switch (accepted = the server answered 2xx; off = no thinking in the
   * reply); when that switch is refused or leaves thinking on, the other switches in turn, to name
   * one that works. Never throws for server problems: they are reported in `error`.
   */
  async testConnection(endpointName: string): Promise<ConnectionReport> {
    const endpoint = this.deps.endpoints.find((candidate) => candidate.name === endpointName);
    if (!endpoint) throw new LlmError('bad-request', `There is no endpoint named "${endpointName}".`);
    const started = this.clock().getTime();
    let models: string[];
    try {
      models = await this.listModels(endpoint, AbortSignal.timeout(endpoint.timeoutMs));
    } catch (error) {
      const verdict = classifyFailure(error, endpoint, this.clock());
      const reachable = verdict.error.code !== 'unreachable' && verdict.error.code !== 'timeout';
      return { endpoint: endpoint.name, reachable, models: [], modelAvailable: false, error: verdict.error.message, ...(reachable ? { latencyMs: this.clock().getTime() - started } : {}) };
    }
    const latencyMs = this.clock().getTime() - started;
    // llama.cpp and some proxies serve whatever model is loaded under any name: an empty list is not a "no".
    const modelAvailable = models.includes(endpoint.model);
    const report: ConnectionReport = { endpoint: endpoint.name, reachable: true, latencyMs, models, modelAvailable };
    if (!modelAvailable) {
      report.error = `The server does not list model "${endpoint.model}". It offers: ${models.length ? models.join(', ') : '(none listed)'}.`;
    }
    const own = thinkingSwitchOf(endpoint);
    const probe = await probeThinkingSwitch(
      own,
      (how) => this.sendChat(endpoint, 'solver', [{ role: 'user', content: 'Reply with the word OK.' }], { temperature: 0, maxTokens: 16 }, true, AbortSignal.timeout(endpoint.timeoutMs), undefined, how),
      (error) => classifyFailure(error, endpoint, this.clock()).error,
    );
    const first = probe.probes[0];
    report.thinkingSwitch = own;
    report.thinkingProbe = probe.probes;
    report.thinkingSwitchAccepted = first !== undefined && first.outcome !== 'rejected';
    if (first && first.outcome !== 'rejected') report.thinkingOff = first.outcome === 'off';
    if (probe.found && probe.found !== own) report.thinkingSwitchFound = probe.found;
    if (probe.failure) {
      report.error ??= `The test request failed: ${probe.failure.message}`;
    } else if (first?.outcome === 'rejected') {
      report.error ??= `The server rejected a request with the thinking switch "${own}": ${first.detail}` + this.switchAdvice(probe.found);
    } else if (first?.outcome === 'thinking') {
      report.error ??= `The model still thinks with the switch "${own}".` + this.switchAdvice(probe.found);
    }
    return report;
  }

  /** The sentence telling the user which switch to set, or that none worked. */
  private switchAdvice(found: ThinkingSwitchName | undefined): string {
    return found
      ? ` The switch "${found}" turns it off: set "thinkingSwitch": "${found}" on this endpoint.`
      : ' No switch turned it off; runs will strip the thinking from replies, at the cost of the tokens it takes.';
  }

  async contextWindow(endpointName: string, signal?: AbortSignal): Promise<number | null> {
    const endpoint = this.deps.endpoints.find((candidate) => candidate.name === endpointName);
    if (!endpoint) return null;
    try {
      const body = await this.client(endpoint).get<unknown>('/models', { signal: signal ?? AbortSignal.timeout(endpoint.timeoutMs), timeout: endpoint.timeoutMs });
      return contextWindowFromModelList(body, endpoint.model);
    } catch {
      // A server that cannot list its models has said nothing about its window; the default applies.
      return null;
    }
  }

  private finish(result: ChatResult): ChatResult {
    this.deps.onCall?.(result.record);
    return result;
  }

  private binding(role: Role): RoleBinding {
    const binding = (this.deps.roles as Partial<Record<Role, RoleBinding>>)[role];
    if (!binding) throw new LlmError('bad-request', `The role "${role}" is not bound to an endpoint.`);
    return binding;
  }

  /** The endpoints a role target names: the endpoint of that name, else every member of that group. */
  private candidates(target: string, role: Role): readonly EndpointProfile[] {
    let found = this.targets.get(target);
    if (!found) {
      const byName = this.deps.endpoints.filter((endpoint) => endpoint.name === target);
      found = byName.length ? byName : this.deps.endpoints.filter((endpoint) => endpoint.group === target);
      if (!found.length) throw new LlmError('bad-request', `The role "${role}" is bound to "${target}", which names no endpoint or group.`);
      this.targets.set(target, found);
    }
    return found;
  }

  private client(endpoint: EndpointProfile): OpenAI {
    let client = this.clients.get(endpoint.name);
    if (!client) {
      client = createEndpointClient(endpoint, this.fetchImpl, this.env);
      this.clients.set(endpoint.name, client);
    }
    return client;
  }

  private abortError(role: Role): LlmError {
    return new LlmError('aborted', `The ${role} call was cancelled.`);
  }

  /**
   * The retry loop. A slot is held while a request is on the wire, as the server sees it: during a
   * backoff the slot goes back to the pool, so the retry may land on another replica and others
   * are not blocked.
   *
   * Timeouts: the client stops waiting after `timeoutMs` (the attempt fails with "timeout" and may
   * be retried at once), but the server has not been told and usually keeps working on it. So the
   * timed-out request keeps its slot (it still counts in flight) and its connection stays open
   * until the server answers or closes it; only then is the slot released. A server that does
   * neither within TIMED_OUT_HOLD_FACTOR more timeouts is taken to be hung: the connection is
   * aborted then (servers that watch for disconnects, e.g. vLLM, stop there) and the slot is
   * released. Past that point we cannot know what the server does; holding longer would only stall
   * the run behind a hung server. A cancelled call (the caller's signal) aborts at once and
   * releases its slot at once: a cancelled run makes no further calls through this gateway.
   */
  private async withRetries<T>(
    role: Role,
    candidates: readonly EndpointProfile[],
    signal: AbortSignal | undefined,
    priority: RequestPriority,
    attempt: (endpoint: EndpointProfile, signal: AbortSignal | undefined, watch: AttemptWatch) => Promise<T>,
  ): Promise<AttemptOutcome<T>> {
    for (let attempts = 1; ; attempts += 1) {
      const lease = await this.pool.acquire(candidates, signal, () => this.abortError(role), priority);
      const endpoint = lease.endpoint;
      const watch: AttemptWatch = {};
      let failure: unknown;
      try {
        return { value: await attempt(endpoint, signal, watch), endpoint, attempts };
      } catch (error) {
        failure = error;
      } finally {
        if (watch.abandoned) void watch.abandoned.then(() => lease.release());
        else lease.release();
      }
      const verdict = classifyFailure(failure, endpoint, this.clock(), signal);
      let error = verdict.error;
      if (error.code === 'aborted') throw this.abortError(role);
      if (error.details.status === 404 || (error.code === 'bad-request' && /model/i.test(error.message) && /not (exist|found)/i.test(error.message))) {
        error = await this.explainNotFound(endpoint, error, signal);
      }
      const waitMs = verdict.retryable && attempts < this.retry.maxAttempts ? nextDelayMs(attempts, verdict.retryAfterMs, this.retry, this.random) : undefined;
      if (waitMs === undefined || waitMs > this.retry.maxRetryAfterMs) {
        const suffix = attempts > 1 ? ` (after ${attempts} attempts)` : '';
        throw new LlmError(error.code, `${error.message}${suffix}`, { ...error.details, attempts });
      }
      try {
        await this.sleep(waitMs, signal);
      } catch {
        throw this.abortError(role);
      }
    }
  }

  /**
   * Waits for `request` at most the endpoint's `timeoutMs`, then fails with the SDK's timeout
   * error. The request itself goes on (its own hard timeout is `hardTimeoutMs`): `watch.abandoned`
   * resolves once it has settled, which is when the caller's slot is released. A late stream is
   * cancelled (nobody reads it). Without a watch this is the plain request (its timeout is the SDK's).
   */
  private giveUpAfterTimeout<T>(endpoint: EndpointProfile, watch: AttemptWatch | undefined, request: Promise<T>): Promise<T> {
    if (!watch) return request;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        watch.abandoned = request.then(
          (late) => (late as { controller?: AbortController } | null)?.controller?.abort(),
          () => undefined,
        );
        reject(new APIConnectionTimeoutError());
      }, endpoint.timeoutMs);
      request.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });
  }

  /** Turns a 404 into "unknown model, the server offers …" when the model list says so. */
  private async explainNotFound(endpoint: EndpointProfile, original: LlmError, signal: AbortSignal | undefined): Promise<LlmError> {
    let models: string[];
    try {
      models = await this.listModels(endpoint, signal ?? AbortSignal.timeout(endpoint.timeoutMs));
    } catch {
      return new LlmError('bad-request', `${original.message} GET /models failed too: check the base URL (it usually ends in /v1).`, original.details);
    }
    if (models.includes(endpoint.model)) {
      return new LlmError('bad-request', `${original.message} The model is listed, so check the base URL (it usually ends in /v1).`, original.details);
    }
    return new LlmError(
      'model-not-found',
      `The server at ${endpoint.baseURL} does not serve the model "${endpoint.model}". It offers: ${models.length ? models.join(', ') : '(no models listed)'}.`,
      { ...original.details, models },
    );
  }

  private async listModels(endpoint: EndpointProfile, signal: AbortSignal): Promise<string[]> {
    const body = await this.client(endpoint).get<unknown>('/models', { signal, timeout: endpoint.timeoutMs });
    return assertModelList(body);
  }

  private async sendChat(
    endpoint: EndpointProfile,
    role: Role,
    messages: readonly ChatMessage[],
    sampling: Sampling,
    disableThinking: boolean,
    signal: AbortSignal | undefined,
    onDelta: ((fragment: string) => void) | undefined,
    /** Overrides the endpoint's thinking switch (the connection test's probe). */
    how?: ThinkingSwitchName,
    /** Given inside the retry loop (a pool slot is held): a timed-out request is watched, not dropped. */
    watch?: AttemptWatch,
  ): Promise<ChatReply> {
    const thinkingSwitch = applyThinkingSwitch(how ?? thinkingSwitchOf(endpoint), messages, disableThinking);
    const body: Record<string, unknown> = {
      model: endpoint.model,
      messages: thinkingSwitch.messages,
      ...(sampling.temperature !== undefined ? { temperature: sampling.temperature } : {}),
      ...(sampling.topP !== undefined ? { top_p: sampling.topP } : {}),
      ...(sampling.maxTokens !== undefined ? { max_tokens: sampling.maxTokens } : {}),
      ...(sampling.seed !== undefined ? { seed: sampling.seed } : {}),
      ...thinkingSwitch.body,
    };
    const options = { signal, headers: { [ROLE_HEADER]: role }, timeout: watch ? hardTimeoutMs(endpoint) : endpoint.timeoutMs };
    const completions = this.client(endpoint).chat.completions;
    const promptChars = thinkingSwitch.messages.reduce((sum, message) => sum + message.content.length, 0);

    if (!onDelta) {
      const reply = assertChatCompletion(await this.giveUpAfterTimeout(endpoint, watch, completions.create(body as never, options)));
      const choice = reply.choices[0]!;
      const content = choice.message?.content ?? '';
      const reasoning = choice.message?.reasoning_content ?? choice.message?.reasoning ?? undefined;
      return {
        content,
        ...(reasoning ? { reasoning } : {}),
        finishReason: choice.finish_reason ?? 'unknown',
        promptTokens: reply.usage?.prompt_tokens ?? Math.ceil(promptChars / 4),
        completionTokens: reply.usage?.completion_tokens ?? estimateTokens(content),
        ...(fingerprintOf(reply) !== undefined ? { fingerprint: fingerprintOf(reply)! } : {}),
        estimated: reply.usage?.prompt_tokens === undefined || reply.usage?.completion_tokens === undefined,
      };
    }

    const stream = (await this.giveUpAfterTimeout(endpoint, watch, completions.create({ ...body, stream: true, stream_options: { include_usage: true } } as never, options))) as unknown as AsyncIterable<{
      system_fingerprint?: string | null;
      choices?: Array<{ delta?: { content?: string | null; reasoning_content?: string | null }; finish_reason?: string | null }>;
      usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
    }>;
    let content = '';
    let reasoning = '';
    let finishReason: string | undefined;
    let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
    let chunks = 0;
    let fingerprint: string | undefined;
    for await (const chunk of stream) {
      chunks += 1;
      fingerprint ??= fingerprintOf(chunk);
      const choice = chunk.choices?.[0];
      const fragment = choice?.delta?.content;
      if (fragment) {
        content += fragment;
        onDelta(fragment);
      }
      if (choice?.delta?.reasoning_content) reasoning += choice.delta.reasoning_content;
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    if (chunks === 0) throw new BadReplyError('the stream ended without any chunk.', true);
    return {
      content,
      ...(reasoning ? { reasoning } : {}),
      finishReason: finishReason ?? 'unknown',
      promptTokens: usage?.prompt_tokens ?? Math.ceil(promptChars / 4),
      completionTokens: usage?.completion_tokens ?? estimateTokens(content),
      ...(fingerprint !== undefined ? { fingerprint } : {}),
      estimated: usage?.prompt_tokens === undefined || usage?.completion_tokens === undefined,
    };
  }
}

/** When the SDK aborts a request the gateway stopped waiting for: see `withRetries`. */
function hardTimeoutMs(endpoint: EndpointProfile): number {
  return endpoint.timeoutMs * (1 + TIMED_OUT_HOLD_FACTOR);
}

/** Builds the gateway. See `LlmGatewayDeps` for what is injected. */
export function createLlmGateway(deps: LlmGatewayDeps): OpenAiGateway {
  return new OpenAiGateway(deps);
}
