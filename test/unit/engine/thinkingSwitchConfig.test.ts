import { describe, expect, it } from 'vitest';
import { gatewayConfigFor, parseRunConfig } from '../../../electron/core/engine';
import type { RunConfig } from '../../../shared/config/runConfig';

const endpoint = (kind: string, extra: Record<string, unknown> = {}) => ({ name: kind, kind, baseURL: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen3-32B', ...extra });

describe('the thinking switch is recorded with the run', () => {
  it('a resolved config names each endpoint\'s switch: its own when given, else its kind\'s', () => {
    const config = parseRunConfig({
      method: 'textgrad', preset: 'paper-100',
      endpoints: [endpoint('ollama'), endpoint('llamacpp'), endpoint('custom'), endpoint('lmstudio', { thinkingSwitch: 'reasoning-effort' })],
    });
    expect(config.endpoints.map((e) => e.thinkingSwitch)).toEqual(['reasoning-effort', 'chat-template-kwargs', 'no-think-tag', 'reasoning-effort']);
    expect(parseRunConfig(config)).toEqual(config); // a recorded config re-parses to itself (forks)
  });

  it('refuses a switch it does not know, naming the field', () => {
    expect(() => parseRunConfig({ method: 'remo', preset: 'paper-100', endpoints: [endpoint('custom', { thinkingSwitch: 'please-stop' })] }))
      .toThrow(/endpoints\.0\.thinkingSwitch/);
  });

  it('a config recorded before switches were named keeps the switch its kind used then (resume sends what it sent)', () => {
    const recorded = parseRunConfig({ method: 'remo', preset: 'paper-100', endpoints: [endpoint('ollama'), endpoint('vllm')] });
    const old: RunConfig = { ...recorded, endpoints: recorded.endpoints.map(({ thinkingSwitch: _dropped, ...rest }) => rest) };
    expect(gatewayConfigFor(old).endpoints.map((e) => e.thinkingSwitch)).toEqual(['no-think-tag', 'chat-template-kwargs']);
    expect(gatewayConfigFor(recorded).endpoints.map((e) => e.thinkingSwitch)).toEqual(['reasoning-effort', 'chat-template-kwargs']);
  });
});
