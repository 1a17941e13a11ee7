import { describe, expect, it } from 'vitest';
import { versionMatches } from '../../../electron/core/store/versionConflict';

describe('versionMatches', () => {
  it.each([
    ['any', 0, true], ['any', 3, true],
    ['no-stream', 0, true], ['no-stream', 1, false],
    ['stream-exists', 0, false], ['stream-exists', 2, true],
    [0, 0, true], [2, 2, true], [2, 3, false], [3, 2, false],
  ] as const)('expected %s, actual %s -> %s', (expected, actual, matches) => {
    expect(versionMatches(expected, actual)).toBe(matches);
  });
});
