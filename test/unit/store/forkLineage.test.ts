import { describe, expect, it } from 'vitest';
import { forkLineage, type ForkOrigin } from '../../../electron/core/store/forkLineage';

describe('forkLineage', () => {
  const origins: Record<string, ForkOrigin> = {
    child: { parentRunId: 'root', parentPosition: 10 },
    grandchild: { parentRunId: 'child', parentPosition: 15 },
    tight: { parentRunId: 'child', parentPosition: 5 },
  };
  const originOf = (id: string) => origins[id];

  it('is a single unbounded segment for a stream that is not a fork', () => {
    expect(forkLineage('root', originOf)).toEqual([{ streamId: 'root', upTo: Number.MAX_SAFE_INTEGER }]);
  });

  it('bounds each ancestor by the tightest fork position below it', () => {
    expect(forkLineage('grandchild', originOf)).toEqual([
      { streamId: 'root', upTo: 10 },
      { streamId: 'child', upTo: 15 },
      { streamId: 'grandchild', upTo: Number.MAX_SAFE_INTEGER },
    ]);
    expect(forkLineage('tight', originOf)).toEqual([
      { streamId: 'root', upTo: 5 },
      { streamId: 'child', upTo: 5 },
      { streamId: 'tight', upTo: Number.MAX_SAFE_INTEGER },
    ]);
  });

  it('stops on a cycle that only a corrupt log could contain', () => {
    expect(() => forkLineage('a', (id) => ({ parentRunId: id === 'a' ? 'b' : 'a', parentPosition: 1 }))).toThrow(/corrupt/);
  });
});
