import { describe, expect, it } from 'vitest';
import { LlmError } from '../../electron/core/llm/types';

describe('LlmError', () => {
  it('keeps its code and details', () => {
    const error = new LlmError('auth', 'the server refused the API key', { status: 401 });
    expect(error.code).toBe('auth');
    expect(error.details.status).toBe(401);
  });
});
