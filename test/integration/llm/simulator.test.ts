import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../electron/core/llm/simulator/startSimulator';
import type { RunningSimulator, SimulatorOptions } from '../../../electron/core/llm/simulator/simulatorOptions';
import { SEED_PROMPT, TINY_GSM8K } from './llmTestKit';

const sims: RunningSimulator[] = [];
async function sim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const started = await startSimulator({ dataset: TINY_GSM8K, ...options });
  sims.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function post(server: RunningSimulator, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const chat = (content: string, role = 'solver', system = SEED_PROMPT, extra: Record<string, unknown> = {}) => ({
  body: { model: 'remo-simulator', messages: [{ role: 'system', content: system }, { role: 'user', content }], chat_template_kwargs: { enable_thinking: false }, ...extra },
  headers: { 'X-Remo-Role': role },
});

/** A scripted session touching every role; the replies' content is what determinism is about. */
async function session(server: RunningSimulator): Promise<string[]> {
  const requests = [
    ...TINY_GSM8K.map((r) => chat(`<QUESTION>\n${r.question}\n</QUESTION>`)),
    chat(`<LESSONS>\n1. For problems about clips and friends, double-check the arithmetic.\n</LESSONS>\n<QUESTION>\n${TINY_GSM8K[0]!.question}\n</QUESTION>`),
    chat(`<CURRENT_PROMPT>\n${SEED_PROMPT}\n</CURRENT_PROMPT>\nFailures:\n<QUESTION>\n${TINY_GSM8K[1]!.question}\n</QUESTION>`, 'critic', 'You criticise prompts.'),
    chat(`<CURRENT_PROMPT>\n${SEED_PROMPT}\n</CURRENT_PROMPT>\n<FEEDBACK>\nAnswers mix units.\n</FEEDBACK>`, 'optimizer', 'You improve prompts.'),
    chat(`<QUESTION>\n${TINY_GSM8K[2]!.question}\n</QUESTION>\nGold 5, predicted 20.`, 'lessonWriter', 'Write one lesson.'),
    chat('Validation went from 80% to 70%.', 'reflector', 'Reflect.'),
    chat('<CURRENT_OPTIMIZER_INSTRUCTIONS>\nPut the prompt in <IMPROVED_VARIABLE> tags.\n</CURRENT_OPTIMIZER_INSTRUCTIONS>\n<REFLECTION>\nValidation fell.\n</REFLECTION>', 'metaController', 'Rewrite.'),
    chat('Question: A train goes 60 miles in 2 hours. How far does it go in 5 hours?'),
  ];
  const replies: string[] = [];
  for (const request of requests) {
    const reply = await post(server, '/chat/completions', request.body, request.headers);
    const parsed = JSON.parse(reply.text) as { choices: Array<{ message: { content: string } }> };
    replies.push(parsed.choices[0]!.message.content);
  }
  return replies;
}

describe('the simulator', () => {
  it('serves GET /v1/models with the simulator ids', async () => {
    const server = await sim();
    const body = (await (await fetch(`${server.url}/models`)).json()) as { data: Array<{ id: string }> };
    expect(body.data.map((m) => m.id)).toEqual(['remo-simulator', 'qwen3-32b-sim']);
    const custom = await sim({ models: ['my-model'] });
    const customBody = (await (await fetch(`${custom.url}/models`)).json()) as { data: Array<{ id: string }> };
    expect(customBody.data.map((m) => m.id)).toEqual(['my-model']);
  });

  it('answers chat with usage and the simulator fingerprint', async () => {
    const server = await sim();
    const { body, headers } = chat(`<QUESTION>\n${TINY_GSM8K[0]!.question}\n</QUESTION>`);
    const reply = JSON.parse((await post(server, '/chat/completions', body, headers)).text);
    expect(reply.system_fingerprint).toBe('remo-simulator');
    expect(reply.choices[0].message.content).toMatch(/\nAnswer: \d+$/);
    expect(reply.usage.prompt_tokens).toBe(Math.ceil((SEED_PROMPT.length + body.messages[1]!.content.length) / 4));
    expect(reply.usage.completion_tokens).toBe(Math.ceil(reply.choices[0].message.content.length / 4));
  });

  it('is deterministic: same seed, same replies; another seed changes some solver verdicts', async () => {
    const a = await session(await sim({ seed: 11 }));
    const b = await session(await sim({ seed: 11 }));
    expect(a).toEqual(b);
    const answers = async (seed: number) => {
      const server = await sim({ seed });
      const out: string[] = [];
      for (const record of TINY_GSM8K) {
        const { body, headers } = chat(`<QUESTION>\n${record.question}\n</QUESTION>`);
        out.push(JSON.parse((await post(server, '/chat/completions', body, headers)).text).choices[0].message.content.split('\n').at(-1));
      }
      return out.join('|');
    };
    const bySeed = new Set(await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(answers)));
    expect(bySeed.size).toBeGreaterThan(1);
  });

  it('gives structured replies per role, using the tag contract', async () => {
    const replies = await session(await sim());
    const [, , , , critic, optimizer, lesson, reflection, meta, unknown] = replies;
    expect(critic).toMatch(/Add an instruction such as/);
    expect(optimizer).toMatch(/<IMPROVED_VARIABLE>\nYou will answer[\s\S]*Keep track of units[\s\S]*<\/IMPROVED_VARIABLE>/);
    expect(lesson!.split(/(?<=\.)\s/).length).toBe(1); // one sentence
    expect(lesson).toMatch(/^For problems about .*re-read the question/);
    expect(reflection).toMatch(/Validation accuracy fell from 80% to 70%/);
    expect(meta).toMatch(/^<OPTIMIZER_INSTRUCTIONS>\nPut the prompt in <IMPROVED_VARIABLE> tags\.\nPrefer general instructions/);
    expect(unknown).toMatch(/Answer: \d+/); // an unknown question still gets a (guessed) number
  });

  it('injects faults by kind and rate, deterministically from the seed', async () => {
    const counts = async () => {
      const server = await sim({ seed: 5, faultRate: 0.5, faultKinds: ['server-error', 'rate-limit'] });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) {
        const { body, headers } = chat(`question ${i}`);
        const reply = await post(server, '/chat/completions', body, headers);
        statuses.push(reply.status);
        if (reply.status === 429) expect(reply.headers.get('retry-after')).toBe('1');
      }
      return { statuses, faults: server.stats().faults };
    };
    const first = await counts();
    const second = await counts();
    expect(first).toEqual(second);
    const faulted = first.statuses.filter((s) => s !== 200).length;
    expect(faulted).toBeGreaterThan(8);
    expect(faulted).toBeLessThan(32);
    expect(new Set(first.statuses)).toEqual(new Set([200, 500, 429]));
  });

  it('drops the optimizer tags under the no-tags fault', async () => {
    const server = await sim();
    server.injectFaults('no-tags', 1);
    const { body, headers } = chat(`<CURRENT_PROMPT>\nx\n</CURRENT_PROMPT>\n<FEEDBACK>\nCheck the arithmetic.\n</FEEDBACK>`, 'optimizer');
    const content = JSON.parse((await post(server, '/chat/completions', body, headers)).text).choices[0].message.content as string;
    expect(content).not.toContain('<IMPROVED_VARIABLE>');
    expect(content).toContain('Double-check every arithmetic operation');
  });

  it('requires the bearer key only when started with one (401, OpenAI error body)', async () => {
    const server = await sim({ apiKey: 'k' });
    const { body } = chat('hi');
    const refused = await post(server, '/chat/completions', body, { authorization: 'Bearer nope' });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).error.code).toBe('invalid_api_key');
    expect((await post(server, '/chat/completions', body, { authorization: 'Bearer k' })).status).toBe(200);
    expect(server.stats().unauthorized).toBe(1);
  });

  it('answers 404 model_not_found for an unknown model', async () => {
    const server = await sim();
    const reply = await post(server, '/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.text).error).toMatchObject({ code: 'model_not_found', type: 'invalid_request_error' });
  });

  it('counts per role and max in flight, over HTTP and in-process, with a reset', async () => {
    const server = await sim({ latencyMs: 50 });
    await Promise.all([0, 1, 2].map((i) => post(server, '/chat/completions', chat(`q${i}`, 'critic').body, chat('', 'critic').headers)));
    const overHttp = (await (await fetch(server.url.replace(/\/v1$/, '/stats'))).json()) as { byRole: Record<string, number>; maxInFlight: number };
    expect(overHttp.byRole).toEqual({ critic: 3 });
    expect(overHttp.maxInFlight).toBe(3);
    expect(server.stats().byRole).toEqual({ critic: 3 });
    await fetch(server.url.replace(/\/v1$/, '/stats/reset'), { method: 'POST' });
    expect(server.stats()).toMatchObject({ requests: 0, byRole: {}, maxInFlight: 0 });
  });

  it('streams server-sent events ending in [DONE]', async () => {
    const server = await sim();
    const { body, headers } = chat(`<QUESTION>\n${TINY_GSM8K[1]!.question}\n</QUESTION>`, 'solver', SEED_PROMPT, { stream: true });
    const reply = await post(server, '/chat/completions', body, headers);
    expect(reply.headers.get('content-type')).toBe('text/event-stream');
    const events = reply.text.trim().split('\n\n');
    expect(events.at(-1)).toBe('data: [DONE]');
    const content = events.slice(0, -1).map((e) => JSON.parse(e.slice('data: '.length))).map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(content).toMatch(/\nAnswer: -?[\d.]+$/);
  });

  it('stops promptly even with a request hanging', async () => {
    const server = await startSimulator({ dataset: TINY_GSM8K, faultRate: 1, faultKinds: ['hang'], hangMs: 60_000 });
    const pending = post(server, '/chat/completions', chat('x').body).catch((e: unknown) => e);
    await server.whenInFlight(1);
    const started = performance.now();
    await server.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
