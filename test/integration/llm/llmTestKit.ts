import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defaultRoleBindings } from './defaultRoleBindings';
import { createLlmGateway } from '../../../electron/core/llm/gateway/openAiGateway';
import type { LlmGatewayDeps, OpenAiGateway } from '../../../electron/core/llm/gateway/openAiGateway';
import type { RunningSimulator } from '../../../electron/core/llm/simulator/simulatorOptions';
import type { EndpointProfile } from '../../../electron/core/llm/types';
import { migration0004LlmCache } from '../../../electron/core/store/migrations/0004_llmCache';
import { migration0007LlmCacheSystemFingerprint } from '../../../electron/core/store/migrations/0007_llmCacheSystemFingerprint';
import type { Db } from '../../../electron/core/store/types';

/** Three real GSM8K train records: enough for the simulator to know some questions in tests. */
export const TINY_GSM8K = [
  {
    question: 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?',
    answer: 'Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72',
  },
  {
    question: 'Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of babysitting. How much did she earn?',
    answer: 'Weng earns 12/60 = $<<12/60=0.2>>0.2 per minute.\nWorking 50 minutes, she earned 0.2 x 50 = $<<0.2*50=10>>10.\n#### 10',
  },
  {
    question: 'Betty is saving money for a new wallet which costs $100. Betty has only half of the money she needs. Her parents decided to give her $15 for that purpose, and her grandparents twice as much as her parents. How much more money does Betty need to buy the wallet?',
    answer: "In the beginning, Betty has only 100 / 2 = $<<100/2=50>>50.\nBetty's grandparents gave her 15 * 2 = $<<15*2=30>>30.\nThis means, Betty needs 100 - 50 - 30 - 15 = $<<100-50-30-15=5>>5 more.\n#### 5",
  },
];

export const SEED_PROMPT =
  "You will answer a mathemetical reasoning question. Think step by step. The last line of your response should be of the following format: 'Answer: $VALUE' where VALUE is a numerical value.";

export function simEndpoint(sim: RunningSimulator, overrides: Partial<EndpointProfile> = {}): EndpointProfile {
  return { name: 'sim', kind: 'simulator', baseURL: sim.url, model: 'remo-simulator', maxConcurrency: 4, timeoutMs: 5000, ...overrides };
}

/** A gateway on the given endpoints, all roles bound to the first one (or `target`), no-wait sleeps unless given. */
export function gatewayOn(endpoints: EndpointProfile[], deps: Partial<LlmGatewayDeps> & { target?: string } = {}): OpenAiGateway {
  const { target, ...rest } = deps;
  return createLlmGateway({ endpoints, roles: defaultRoleBindings(target ?? endpoints[0]!.name), random: () => 0.5, ...rest });
}

export function solverMessages(question: string, systemPrompt = SEED_PROMPT) {
  return [
    { role: 'system' as const, content: systemPrompt },
    { role: 'user' as const, content: `<QUESTION>\n${question}\n</QUESTION>` },
  ];
}

/** A real SQLite file in a temp folder with the cache table (migrations 0004 and 0007). */
export function tempCacheDb(): { db: Db; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'remo-llm-'));
  const db = new Database(join(dir, 'cache.sqlite'));
  migration0004LlmCache.up(db);
  migration0007LlmCacheSystemFingerprint.up(db);
  return { db, cleanup: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** A port on 127.0.0.1 that nothing listens on: bound, then closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A tiny HTTP server that answers every request with `status`, `contentType` and `body`. */
export async function fixedReplyServer(status: number, contentType: string, body: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
