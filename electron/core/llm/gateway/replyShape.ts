import { BadReplyError } from '../errors/classifyFailure';

/** Describes a reply body for an error message without echoing a whole page. */
function describeBody(body: unknown): string {
  if (typeof body === 'string') {
    const looksHtml = /<\s*(!doctype|html|head|body)\b/i.test(body);
    return looksHtml ? 'an HTML page (is the base URL pointing at a web site instead of the API? it usually ends in /v1)' : `plain text "${body.slice(0, 80)}"`;
  }
  if (body === undefined || body === null) return 'an empty body';
  return `JSON without the expected fields (${JSON.stringify(body).slice(0, 120)})`;
}

export interface ChatChoiceShape {
  message?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
  finish_reason?: string | null;
}

export interface UsageShape {
  prompt_tokens?: number;
  completion_tokens?: number;
}

/** Checks a chat completion body; throws BadReplyError (transient only when it is JSON). */
export function assertChatCompletion(body: unknown): { choices: ChatChoiceShape[]; usage?: UsageShape; system_fingerprint?: string | null } {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { choices?: unknown }).choices)) {
    throw new BadReplyError(`expected a chat completion, got ${describeBody(body)}.`, false);
  }
  const reply = body as { choices: ChatChoiceShape[]; usage?: UsageShape; system_fingerprint?: string | null };
  if (reply.choices.length === 0) throw new BadReplyError('the reply has no choices.', true);
  return reply;
}

/** Checks a GET /models body and returns the model ids. */
export function assertModelList(body: unknown): string[] {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw new BadReplyError(`GET /models returned ${describeBody(body)}.`, false);
  return data.flatMap((entry) => (typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? [(entry as { id: string }).id] : []));
}

/** Checks an embeddings body and returns the vectors in input order. */
export function assertEmbeddings(body: unknown, expected: number): number[][] {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw new BadReplyError(`expected embeddings, got ${describeBody(body)}.`, false);
  const rows = data as Array<{ index?: number; embedding?: unknown }>;
  if (rows.length !== expected || rows.some((row) => !Array.isArray(row.embedding))) {
    throw new BadReplyError(`expected ${expected} embedding vectors as float arrays, got ${rows.length}.`, true);
  }
  return [...rows].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((row) => row.embedding as number[]);
}
