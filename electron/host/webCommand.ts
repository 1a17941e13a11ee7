import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { defaultDbPath } from '../core/composition/defaultDbPath';
import { startSimulatorOnDefaultPort } from '../core/llm/simulator/startSimulatorOnDefaultPort';
import type { RunningSimulator } from '../core/llm/simulator/simulatorOptions';
import { startCorePool, type CoreWorker } from '../core/worker';
import { startWebHost } from './startWebHost';

const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url));

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  return Number(value);
}

/**
 * `remo web`: serves the UI and the API on 127.0.0.1 for a browser (a remote GPU box through an
 * SSH tunnel, or browser tests). The core runs in a worker thread; this process's own thread only
 * relays HTTP and WebSocket traffic, so a fold or an engine burst never delays an answer. Prints
 * the URL with its one-time token and runs until SIGINT or SIGTERM. See docs/ui.md.
 *
 * The `remo` launcher (electron/cli/remo.mjs) adds this command to the CLI's program: the host
 * and the CLI are sibling layers and do not import each other.
 */
export function registerWebCommand(program: Command, dbOptionHelp: string): void {
  program
    .command('web')
    .description('serve REMO Studio in a browser on 127.0.0.1 (prints the URL with its access token)')
    .option('--db <path>', dbOptionHelp)
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', parsePort, 0)
    .option('--open', 'open the URL in the default browser')
    .option('--simulator', 'start the built-in LLM SIMULATOR and use it for runs started from the UI')
    .action(async (options: { db?: string; port: number; open?: boolean; simulator?: boolean }) => {
      if (!existsSync(`${RENDERER_DIR}/index.html`)) {
        process.stderr.write('remo web: the UI is not built (dist/renderer); run `npm run build:renderer` first. The API works without it.\n');
      }
      let simulator: RunningSimulator | undefined;
      let core: CoreWorker | undefined;
      try {
        if (options.simulator) simulator = await startSimulatorOnDefaultPort({ seed: 0, latencyMs: 20 });
        core = await startCorePool({
          dbPath: options.db ?? defaultDbPath(),
          version: readVersion(),
          ...(simulator
            ? { defaultRunConfig: { endpoints: [{ name: 'simulator', kind: 'simulator', baseURL: simulator.url, model: 'remo-simulator', concurrency: 32, timeoutMs: 30_000 }] } }
            : {}),
        });
        const worker = core;
        const host = await startWebHost({
          api: { invokeJson: (method, body) => worker.invokeJson('web', method, body), subscribe: (listener) => worker.subscribe(listener) },
          staticDir: RENDERER_DIR,
          port: options.port,
        });
        process.stdout.write(`REMO Studio is served at\n  ${host.url}\n(database ${core.dbPath}${simulator ? '; SIMULATOR endpoints for new runs' : ''}; Ctrl+C to stop)\nThe link logs one browser in, once; scripts send the token in an X-Remo-Token header.\n`);
        if (options.open) openInBrowser(host.url);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        process.stdout.write('stopping… (runs pause at their next safe point)\n');
        await host.close();
      } finally {
        await core?.close();
        await simulator?.stop();
      }
    });
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Hands our own loopback URL to the desktop's opener; nothing user-supplied reaches the shell. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`remo web: could not open a browser; open the URL above yourself\n`));
  child.unref();
}
