import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toApiError } from '../../../electron/core/api/toApiError';

describe('toApiError', () => {
  it('maps zod errors to bad-request with one detail per issue', () => {
    const parsed = z.object({ epochs: z.number() }).safeParse({ epochs: 'x' });
    expect(parsed.success).toBe(false);
    const error = toApiError(parsed.error);
    expect(error.code).toBe('bad-request');
    expect(error.details?.[0]).toMatch(/^epochs: /);
  });

  it('keeps a code that is one of ours and the message', () => {
    expect(toApiError(Object.assign(new Error('run busy'), { code: 'conflict' }))).toEqual({ code: 'conflict', message: 'run busy' });
  });

  it('maps the store version conflict, core input errors and gateway errors by name', () => {
    expect(toApiError(Object.assign(new Error('v'), { name: 'VersionConflict' })).code).toBe('conflict');
    expect(toApiError(Object.assign(new Error('bad'), { name: 'RunConfigError' })).code).toBe('bad-request');
    expect(toApiError(Object.assign(new Error('no server'), { name: 'LlmError', code: 'unreachable' })).code).toBe('unavailable');
  });

  it('ignores foreign codes (e.g. Node errno) and reports them as internal', () => {
    expect(toApiError(Object.assign(new Error('disk'), { code: 'EIO' }))).toEqual({ code: 'internal', message: 'disk' });
    expect(toApiError('plain string')).toEqual({ code: 'internal', message: 'plain string' });
  });

  it('says a damaged database file is damaged, keeping SQLite\'s words', () => {
    const error = Object.assign(new Error('database disk image is malformed'), { name: 'SqliteError', code: 'SQLITE_CORRUPT' });
    expect(toApiError(error)).toEqual({ code: 'internal', message: 'the database file is damaged (SQLite: database disk image is malformed)' });
  });
});

describe('toApiError with core config errors', () => {
  it('keeps the core message and accepts string paths in issues', () => {
    const error = Object.assign(new Error('invalid run config: method: must be one of …'), {
      name: 'RunConfigError',
      issues: [{ path: 'method', message: 'must be one of …' }, 'odd issue'],
    });
    expect(toApiError(error)).toEqual({
      code: 'bad-request',
      message: 'invalid run config: method: must be one of …',
      details: ['method: must be one of …', '(arguments): odd issue'],
    });
  });
});
