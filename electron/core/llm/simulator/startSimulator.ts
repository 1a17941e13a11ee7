import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listenOnLoopback } from '../../net/listenOnLoopback';
import { ROLE_HEADER, TAGS } from '../../../../shared/prompts/tags';
import { lexicalEmbed, EMBEDDING_DIMENSIONS } from '../embedding/lexicalEmbedder';
import { NO_THINK_TAG } from '../thinking/thinkingSwitch';
import { drawFault, FAULT_KINDS, isFaultKind } from './faults';
import type { FaultKind } from './faults';
import { Gsm8kIndex, loadGsm8kRecords } from './gsm8kIndex';
import type { KnownItem } from './gsm8kIndex';
import { inferRole } from './inferRole';
import { criticReply, extractTag, lessonReply, metaControllerReply, optimizerReply, reflectorReply } from './roleReplies';
import { hash53, hashUnit } from './seededHash';
import { SIMULATOR_FINGERPRINT, SIMULATOR_MODELS } from './simulatorOptions';
import type { RunningSimulator, SimulatorOptions, SimulatorStats } from './simulatorOptions';
import { judgeSolver, renderSolverReply, splitLessons } from './solverRule';

interface SimMessage {
  role: string;
  content: string;
}

interface ChatBody {
  model?: string;
  messages?: Array<{ role?: string; content?: unknown }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  chat_template_kwargs?: { enable_thinking?: boolean };
  enable_thinking?: boolean;
  reasoning_effort?: string;
}

/** Where the project's GSM8K copy lives: the working directory first, then relative to this file. */
function defaultDatasetDir(): string {
  const fromCwd = join(process.cwd(), 'resources', 'datasets', 'gsm8k');
  if (existsSync(fromCwd)) return fromCwd;
  return fileURLToPath(new URL('../../../../resources/datasets/gsm8k', import.meta.url));
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'object' && part && 'text' in part ? String((part as { text: unknown }).text) : '')).join('');
  return '';
}

const estimateTokens = (text: string) => Math.ceil(text.length / 4);

function openAiError(res: ServerResponse, status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The question a solver request asks without our <QUESTION> tag: the last known question of the
 * last user turn (few-shot examples come before the question asked), else of any non-system turn.
 */
function askedQuestion(messages: readonly SimMessage[], index: Gsm8kIndex): KnownItem | undefined {
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  return index.findAll(lastUser).at(-1) ?? index.findAll(messages.filter((m) => m.role !== 'system').map((m) => m.content).join('\n')).at(-1);
}

/**
 * Starts the OpenAI-compatible SIMULATOR on 127.0.0.1 (see README.md). Resolves once listening.
 * Everything it answers is a deterministic function of the seed and the request.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const seed = options.seed ?? 0;
  const contextTokens = options.contextTokens ?? 40_960;
  const models = options.models?.length ? [...options.models] : [...SIMULATOR_MODELS];
  const faultKinds: readonly FaultKind[] = options.faultKinds?.length ? options.faultKinds : FAULT_KINDS;
  const hangMs = options.hangMs ?? 60_000;
  let index: Gsm8kIndex | undefined;
  const dataset = () => (index ??= new Gsm8kIndex(options.dataset ?? loadGsm8kRecords(options.datasetDir ?? defaultDatasetDir())));

  const occurrences = new Map<string, number>();
  const forcedFaults: FaultKind[] = [];
  const pendingWaits = new Set<() => void>();
  const sockets = new Set<Socket>();
  let stopping = false;
  const fresh = (): SimulatorStats => ({ requests: 0, byRole: {}, byPath: {}, faults: {}, unauthorized: 0, inFlight: 0, maxInFlight: 0 });
  let stats = fresh();
  const inFlightWaiters: Array<{ count: number; resolve: () => void }> = [];
  const notifyInFlight = () => {
    for (let i = inFlightWaiters.length - 1; i >= 0; i -= 1) {
      if (stats.inFlight >= inFlightWaiters[i]!.count) inFlightWaiters.splice(i, 1)[0]!.resolve();
    }
  };

  /** Waits `ms`, or less if the client goes away or the simulator stops; true when it waited fully. */
  const wait = (ms: number, res: ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      let done = false;
      const finish = (full: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        pendingWaits.delete(cancel);
        res.off('close', cancel);
        resolve(full);
      };
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      pendingWaits.add(cancel);
      res.once('close', cancel);
    });

  function replyFor(role: string, messages: SimMessage[], body: ChatBody, bodyKey: string, withTags: boolean): string {
    const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
    const user = messages.filter((m) => m.role !== 'system').map((m) => m.content).join('\n');
    switch (role) {
      case 'solver': {
        const question = extractTag(user, TAGS.question);
        const item = (question !== undefined ? dataset().lookup(question) : undefined) ?? askedQuestion(messages, dataset());
        if (!item) {
          const numbers = (question ?? user).match(/\d+(?:\.\d+)?/g)?.map(Number) ?? [];
          const guess = numbers.length >= 2 ? numbers[0]! + numbers[1]! : (numbers[0] ?? 6) + 1;
          return `I do not recognise this problem, so this is a rough estimate.\nAnswer: ${guess}`;
        }
        const lessonsBlock = extractTag(user, TAGS.lessons);
        const verdict = judgeSolver({
          item, systemPrompt: system, lessons: lessonsBlock ? splitLessons(lessonsBlock) : [],
          temperature: body.temperature ?? 0, requestSalt: bodyKey, seed,
        });
        return renderSolverReply(item, verdict);
      }
      case 'critic':
        return criticReply(`${system}\n${user}`, dataset(), seed);
      case 'optimizer':
        return optimizerReply(system, user, withTags);
      case 'lessonWriter':
        return lessonReply(user, dataset());
      case 'reflector':
        return reflectorReply(`${system}\n${user}`, dataset());
      case 'metaController':
        return metaControllerReply(`${system}\n${user}`, withTags);
      default:
        return 'OK.';
    }
  }

  async function handleChat(req: IncomingMessage, res: ServerResponse, raw: string, body: ChatBody): Promise<void> {
    const messages: SimMessage[] = (body.messages ?? []).map((m) => ({ role: String(m.role ?? 'user'), content: textOf(m.content) }));
    const headerRole = req.headers[ROLE_HEADER.toLowerCase()];
    const role = typeof headerRole === 'string' && headerRole
      ? headerRole
      : inferRole(messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n'), messages.filter((m) => m.role !== 'system').map((m) => m.content).join('\n'), dataset());
    stats.byRole[role] = (stats.byRole[role] ?? 0) + 1;

    // A real server refuses a prompt longer than its window; so does the simulator (vLLM's wording).
    const promptTokens = Math.ceil(messages.reduce((sum, m) => sum + m.content.length + 1, 0) / 4);
    if (promptTokens + (body.max_tokens ?? 0) > contextTokens) {
      return openAiError(res, 400, `This model's maximum context length is ${contextTokens} tokens. However, you requested ${promptTokens + (body.max_tokens ?? 0)} tokens (${promptTokens} in the messages, ${body.max_tokens ?? 0} in the completion). Please reduce the length of the messages or completion.`, 'invalid_request_error', null);
    }
    const bodyKey = String(hash53(raw, seed));
    const occurrence = (occurrences.get(bodyKey) ?? 0) + 1;
    occurrences.set(bodyKey, occurrence);
    const fault = forcedFaults.shift() ?? drawFault(seed, options.faultRate ?? 0, faultKinds, bodyKey, occurrence);
    if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;

    const delay = (options.latencyMs ?? 0) + (options.jitterMs ? Math.floor(hashUnit(seed, 'jitter', bodyKey, occurrence) * options.jitterMs) : 0);
    if (delay > 0 && !(await wait(delay, res))) return destroy(res);
    if (fault === 'hang' && !(await wait(hangMs, res))) return destroy(res);

    if (fault === 'rate-limit') {
      return openAiError(res, 429, 'Rate limit reached (simulated).', 'rate_limit_error', 'rate_limit_exceeded', { 'retry-after': String(options.retryAfterSeconds ?? 1) });
    }
    if (fault === 'server-error') return openAiError(res, 500, 'Internal server error (simulated).', 'server_error', null);
    if (fault === 'unavailable') return openAiError(res, 503, 'Service unavailable (simulated).', 'server_error', null);
    if (fault === 'malformed-json') {
      res.writeHead(200, { 'content-type': body.stream ? 'text/event-stream' : 'application/json' });
      return void res.end(body.stream ? 'data: {"id": "broken", "choices": [\n\n' : '{"id": "chatcmpl-broken", "choices": [{"index": 0, "message": ');
    }

    let content = replyFor(role, messages, body, bodyKey, fault !== 'no-tags');
    const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const thinkingOff = body.chat_template_kwargs?.enable_thinking === false || body.enable_thinking === false || body.reasoning_effort === 'none' ||
      lastUser.includes(NO_THINK_TAG);
    if (!thinkingOff || fault === 'think') {
      content = `<think>\nThe ${role} request has ${messages.length} messages; I will answer briefly (simulated thinking).\n</think>\n\n${content}`;
    }
    let finishReason = 'stop';
    const maxTokens = body.max_completion_tokens ?? body.max_tokens;
    if (fault === 'length') {
      content = content.slice(0, Math.ceil(content.length / 2));
      finishReason = 'length';
    } else if (maxTokens !== undefined && estimateTokens(content) > maxTokens) {
      content = content.slice(0, maxTokens * 4);
      finishReason = 'length';
    }
    const model = body.model!;
    const usage = {
      prompt_tokens: estimateTokens(messages.map((m) => m.content).join('')),
      completion_tokens: estimateTokens(content),
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const id = `chatcmpl-sim-${bodyKey}`;
    const created = Math.floor(Date.now() / 1000);
    const choices = fault === 'empty-choices' ? [] : [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: finishReason }];

    if (!body.stream) {
      return sendJson(res, 200, { id, object: 'chat.completion', created, model, system_fingerprint: SIMULATOR_FINGERPRINT, choices, usage });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const base = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: SIMULATOR_FINGERPRINT };
    const send = (chunk: unknown) => res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    if (fault !== 'empty-choices') {
      send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
      for (let at = 0; at < content.length; at += 24) {
        send({ ...base, choices: [{ index: 0, delta: { content: content.slice(at, at + 24) }, finish_reason: null }] });
      }
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] });
      if (body.stream_options?.include_usage) send({ ...base, choices: [], usage });
    }
    res.end('data: [DONE]\n\n');
  }

  function handleEmbeddings(res: ServerResponse, body: { model?: string; input?: unknown; dimensions?: number; encoding_format?: string }): void {
    const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
    const dimensions = options.embeddingDimensions ?? body.dimensions ?? EMBEDDING_DIMENSIONS;
    const data = inputs.map((text, position) => {
      const vector = lexicalEmbed(text, dimensions);
      const embedding = body.encoding_format === 'base64' ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector);
      return { object: 'embedding', index: position, embedding };
    });
    const promptTokens = inputs.reduce((sum, text) => sum + estimateTokens(text), 0);
    // Not in OpenAI's embeddings reply, but harmless to clients: lets a gateway see who answered.
    sendJson(res, 200, { object: 'list', data, model: body.model, system_fingerprint: SIMULATOR_FINGERPRINT, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
  }

  function destroy(res: ServerResponse): void {
    if (!res.destroyed) res.destroy();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
    if (path === '/stats' && req.method === 'GET') return sendJson(res, 200, stats);
    if (path === '/stats/reset' && req.method === 'POST') {
      stats = { ...fresh(), inFlight: stats.inFlight, maxInFlight: stats.inFlight };
      return sendJson(res, 200, stats);
    }
    if (path === '/faults' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}') as { kind?: string; count?: number };
      if (!body.kind || !isFaultKind(body.kind)) return openAiError(res, 400, `kind must be one of ${FAULT_KINDS.join(', ')}`, 'invalid_request_error', null);
      for (let i = 0; i < (body.count ?? 1); i += 1) forcedFaults.push(body.kind);
      return sendJson(res, 200, { queued: forcedFaults.length });
    }
    if (!path.startsWith('/v1/')) return openAiError(res, 404, `Unknown path ${path}. This is the REMO simulator; the API is under /v1.`, 'invalid_request_error', 'not_found');

    stats.requests += 1;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    if (inFlightWaiters.length) notifyInFlight();
    res.once('close', () => {
      stats.inFlight -= 1;
    });

    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      stats.unauthorized += 1;
      return openAiError(res, 401, 'Incorrect API key provided (simulator).', 'invalid_request_error', 'invalid_api_key');
    }
    if (path === '/v1/models' && req.method === 'GET') {
      return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'remo-simulator', max_model_len: contextTokens })) });
    }
    if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/v1/embeddings')) {
      return openAiError(res, 404, `Unknown endpoint ${req.method} ${path} (REMO simulator).`, 'invalid_request_error', 'not_found');
    }
    const raw = await readBody(req);
    let body: ChatBody & { input?: unknown; dimensions?: number; encoding_format?: string };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return openAiError(res, 400, 'The request body is not valid JSON.', 'invalid_request_error', null);
    }
    if (!body.model || !models.includes(body.model)) {
      return openAiError(res, 404, `The model \`${body.model ?? ''}\` does not exist. This simulator serves: ${models.join(', ')}.`, 'invalid_request_error', 'model_not_found');
    }
    if (path === '/v1/embeddings') return handleEmbeddings(res, body);
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return openAiError(res, 400, 'messages must be a non-empty array.', 'invalid_request_error', null);
    }
    return handleChat(req, res, raw, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) openAiError(res, 500, `Simulator bug: ${error instanceof Error ? error.message : String(error)}`, 'server_error', null);
      else destroy(res);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = { ...fresh(), inFlight: stats.inFlight, maxInFlight: stats.inFlight };
    },
    injectFaults: (kind, count = 1) => {
      for (let i = 0; i < count; i += 1) forcedFaults.push(kind);
    },
    whenInFlight: (count) =>
      new Promise<void>((resolve) => {
        inFlightWaiters.push({ count, resolve });
        notifyInFlight();
      }),
    knownQuestions: () => dataset().size,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      for (const cancel of [...pendingWaits]) cancel();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
