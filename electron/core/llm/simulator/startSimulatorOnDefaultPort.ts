import { startSimulator } from './startSimulator';
import type { RunningSimulator, SimulatorOptions } from './simulatorOptions';

/** The port `remo sim` listens on by default. */
export const DEFAULT_SIMULATOR_PORT = 8808;

/**
 * Starts the in-process simulator of `remo demo` and `remo web --simulator` on `remo sim`'s
 * default port when it is free, else on any free port. Runs record their endpoint's URL, so runs
 * made against port 8808 can later be resumed or forked against a plain `npx remo sim`.
 */
export async function startSimulatorOnDefaultPort(options: Omit<SimulatorOptions, 'port'>): Promise<RunningSimulator> {
  try {
    return await startSimulator({ ...options, port: DEFAULT_SIMULATOR_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startSimulator({ ...options, port: 0 });
  }
}
