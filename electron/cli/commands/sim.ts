import type { Command } from 'commander';
import { FAULT_KINDS, isFaultKind } from '../../core/llm/simulator/faults';
import type { FaultKind } from '../../core/llm/simulator/faults';
import { startSimulator } from '../../core/llm/simulator/startSimulator';
import { DEFAULT_SIMULATOR_PORT } from '../../core/llm/simulator/startSimulatorOnDefaultPort';
import { SIMULATOR_MODELS } from '../../core/llm/simulator/simulatorOptions';
import { UsageError } from '../usageError';

interface SimFlags {
  port: string;
  latencyMs: string;
  jitterMs: string;
  faultRate: string;
  faultKinds?: string;
  seed: string;
  apiKey?: string;
  models?: string;
  datasetDir?: string;
  retryAfter: string;
  hangMs: string;
}

function integer(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  return parsed;
}

/**
 * `remo sim`: runs the OpenAI-compatible SIMULATOR on 127.0.0.1 until SIGINT/SIGTERM.
 * Prints one line with its URL when ready (scripts wait for "listening at").
 */
export function register(program: Command): void {
  program
    .command('sim')
    .description('Run the OpenAI-compatible SIMULATOR (not a model) on 127.0.0.1 for offline demos, tests and benchmarks.')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', String(DEFAULT_SIMULATOR_PORT))
    .option('--latency-ms <n>', 'fixed delay before each reply', '0')
    .option('--jitter-ms <n>', 'extra random delay, 0..n ms (seeded)', '0')
    .option('--fault-rate <f>', 'share of chat requests that get a fault, 0..1', '0')
    .option('--fault-kinds <list>', `comma-separated: ${FAULT_KINDS.join(',')}`)
    .option('--seed <n>', 'seed of every draw (answers, faults, jitter)', '0')
    .option('--api-key <key>', 'require this bearer key on every /v1 request')
    .option('--models <list>', `model ids to serve (default ${SIMULATOR_MODELS.join(',')})`)
    .option('--dataset-dir <dir>', 'folder with GSM8K train.jsonl/test.jsonl (default resources/datasets/gsm8k)')
    .option('--retry-after <s>', 'Retry-After seconds sent with the rate-limit fault', '1')
    .option('--hang-ms <n>', 'how long a hang fault holds a request', '60000')
    .action(async (flags: SimFlags) => {
      const faultRate = Number(flags.faultRate);
      if (!Number.isFinite(faultRate) || faultRate < 0 || faultRate > 1) throw new UsageError(`--fault-rate must be a number from 0 to 1, got "${flags.faultRate}"`);
      let faultKinds: FaultKind[] | undefined;
      if (flags.faultKinds) {
        const kinds = flags.faultKinds.split(',').map((kind) => kind.trim()).filter(Boolean);
        const unknown = kinds.filter((kind) => !isFaultKind(kind));
        if (unknown.length) throw new UsageError(`unknown fault kind(s) ${unknown.join(', ')}; known: ${FAULT_KINDS.join(', ')}`);
        faultKinds = kinds as FaultKind[];
      }
      const models = flags.models?.split(',').map((model) => model.trim()).filter(Boolean);
      const sim = await startSimulator({
        port: integer('--port', flags.port, 0, 65535),
        latencyMs: integer('--latency-ms', flags.latencyMs, 0, 600_000),
        jitterMs: integer('--jitter-ms', flags.jitterMs, 0, 600_000),
        faultRate,
        ...(faultKinds ? { faultKinds } : {}),
        seed: integer('--seed', flags.seed, 0, 2 ** 31 - 1),
        ...(flags.apiKey ? { apiKey: flags.apiKey } : {}),
        ...(models?.length ? { models } : {}),
        ...(flags.datasetDir ? { datasetDir: flags.datasetDir } : {}),
        retryAfterSeconds: integer('--retry-after', flags.retryAfter, 0, 3600),
        hangMs: integer('--hang-ms', flags.hangMs, 0, 3_600_000),
      }).catch((error: unknown) => {
        const code = (error as { code?: string }).code;
        if (code === 'EADDRINUSE') throw new UsageError(`port ${flags.port} is already in use; pick another with --port`);
        throw error;
      });
      const known = sim.knownQuestions();
      process.stdout.write(
        `REMO SIMULATOR (not a real model) listening at ${sim.url}  models: ${(models?.length ? models : SIMULATOR_MODELS).join(', ')}  ` +
          `GSM8K questions known: ${known}${known === 0 ? ' (dataset not found: every answer will be a guess)' : ''}\n`,
      );
      await new Promise<void>((resolve) => {
        const shutdown = (signal: NodeJS.Signals) => {
          process.stdout.write(`received ${signal}, stopping the simulator\n`);
          void sim.stop().then(resolve);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
    });
}
