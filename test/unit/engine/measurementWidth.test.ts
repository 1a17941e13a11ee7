import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../electron/core/engine';
import { measurementWidth } from '../../../electron/core/engine/backgroundMeasurement';

const endpoint = (name: string, concurrency: number, group?: string) =>
  ({ name, kind: 'vllm', baseURL: `http://${name}:8000/v1`, model: 'q', concurrency, ...(group ? { group } : {}) });

describe('measurementWidth', () => {
  it('is half the solver\'s capacity (the smaller of parallelism and its endpoints\' concurrency), at least 1', () => {
    const width = (config: Record<string, unknown>) => measurementWidth(parseRunConfig({ method: 'textgrad', preset: 'paper-100', ...config }));
    expect(width({ parallelism: 32, endpoints: [endpoint('a', 32)] })).toBe(16);
    expect(width({ parallelism: 32, endpoints: [endpoint('a', 8)] })).toBe(4);
    expect(width({ parallelism: 6, endpoints: [endpoint('a', 64)] })).toBe(3);
    expect(width({ parallelism: 32, endpoints: [endpoint('a', 1)] })).toBe(1);
    // A group of replicas: their caps add up.
    expect(width({
      parallelism: 64, endpoints: [endpoint('a', 8, 'pool'), endpoint('b', 8, 'pool')],
      roles: { solver: { endpoint: 'pool' }, critic: { endpoint: 'a' }, optimizer: { endpoint: 'a' }, lessonWriter: { endpoint: 'a' }, reflector: { endpoint: 'a' }, metaController: { endpoint: 'a' } },
    })).toBe(8);
  });
});
