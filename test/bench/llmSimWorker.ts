/** Worker-thread entry for test/bench/llm.bench.ts: runs the simulator on its own core. */
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator } from '../../electron/core/llm/simulator/startSimulator';
import type { SimulatorOptions } from '../../electron/core/llm/simulator/simulatorOptions';

const sim = await startSimulator(workerData as SimulatorOptions);
parentPort!.postMessage({ url: sim.url });
