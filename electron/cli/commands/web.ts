import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { apiDepsFromCore, createApiService } from '../../core/api';
import { createCore } from '../../core/composition/createCore';
import { defaultDbPath } from '../../core/composition/defaultDbPath';
import { startSimulatorOnDefaultPort } from '../startSimulatorOnDefaultPort';
import type { RunningSimulator } from '../../core/llm/simulator/simulatorOptions';
import { startWebHost } from '../../host';
import { DB_OPTION_HELP, parseNonNegativeInt } from '../output/commandSupport';
import { UsageError } from '../usageError';

const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));
const PACKAGE_JSON = fileURLToPath(new URL('../../../package.json', import.meta.url));

/**
 * `remo web`: serves the UI and the API on 127.0.0.1 for a browser (a remote GPU box through an
 * SSH tunnel, or browser tests). Prints the URL with its one-time token and runs until SIGINT or
 * SIGTERM. See docs/ui.md for the token flow.
 */
export function register(program: Command): void {
  program
    .command('web')
    .description('serve REMO Studio in a browser on 127.0.0.1 (prints the URL with its access token)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '0')
    .option('--open', 'open the URL in the default browser')
    .option('--simulator', 'start the built-in LLM SIMULATOR and use it for runs started from the UI')
    .action(async (options: { db?: string; port: string; open?: boolean; simulator?: boolean }) => {
      const port = parseNonNegativeInt('--port', options.port);
      if (port > 65535) throw new UsageError('--port must be at most 65535');
      if (!existsSync(`${RENDERER_DIR}/index.html`)) {
        process.stderr.write('remo web: the UI is not built (dist/renderer); run `npm run build:renderer` first. The API works without it.\n');
      }
      let simulator: RunningSimulator | undefined;
      const core = await createCore({ dbPath: options.db ?? defaultDbPath() });
      try {
        if (options.simulator) simulator = await startSimulatorOnDefaultPort({ seed: 0, latencyMs: 20 });
        const api = createApiService(
          apiDepsFromCore(core, {
            version: readVersion(),
            ...(simulator
              ? { defaultRunConfig: { endpoints: [{ name: 'simulator', kind: 'simulator', baseURL: simulator.url, model: 'remo-simulator', concurrency: 32, timeoutMs: 30_000 }] } }
              : {}),
          }),
        );
        const host = await startWebHost({ api: { dispatch: api.dispatcher('web'), subscribe: api.subscribe }, staticDir: RENDERER_DIR, port });
        process.stdout.write(`REMO Studio is served at\n  ${host.url}\n(database ${core.dbPath}${simulator ? '; SIMULATOR endpoints for new runs' : ''}; Ctrl+C to stop)\n`);
        if (options.open) openInBrowser(host.url);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        process.stdout.write('stopping…\n');
        await host.close();
      } finally {
        await simulator?.stop();
        await core.close();
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
