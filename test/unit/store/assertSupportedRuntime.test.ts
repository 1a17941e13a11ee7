import { describe, expect, it } from 'vitest';
import { assertSupportedRuntime, UnsupportedRuntimeError } from '../../../electron/core/store/assertSupportedRuntime';

describe('assertSupportedRuntime', () => {
  it.each(['20.19.0', '22.11.9', '18.0.0'])('refuses Node %s with a clear message', (version) => {
    expect(() => assertSupportedRuntime(version)).toThrow(UnsupportedRuntimeError);
    expect(() => assertSupportedRuntime(version)).toThrow(`needs Node.js 22.12.0 or newer; this is Node.js ${version}`);
  });
  it.each(['22.12.0', '22.23.3', '24.1.0'])('accepts Node %s', (version) => {
    expect(() => assertSupportedRuntime(version)).not.toThrow();
  });
  it('accepts the runtime the tests run on', () => {
    expect(() => assertSupportedRuntime()).not.toThrow();
  });
});
