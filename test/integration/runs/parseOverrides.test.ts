import { describe, expect, it } from 'vitest';
import { parseOverrides } from '../../../electron/cli/output/parseOverrides';
import { rejectInlineApiKeys } from '../../../electron/core/runs/configGuards';
import { expandOverrides } from '../../../electron/core/runs/expandOverrides';

describe('parseOverrides (--set key=value)', () => {
  it('parses JSON values when valid, else keeps strings, and nests dotted keys', () => {
    expect(parseOverrides(['epochs=5', 'validationGate=false', 'name=my fork', 'roles.critic.sampling.temperature=0.3', 'split={"train":3,"val":2,"test":2}'])).toEqual({
      epochs: 5,
      validationGate: false,
      name: 'my fork',
      roles: { critic: { sampling: { temperature: 0.3 } } },
      split: { train: 3, val: 2, test: 2 },
    });
  });

  it('refuses assignments without a key or with prototype keys', () => {
    expect(() => parseOverrides(['=3'])).toThrow(/key=value/);
    expect(() => parseOverrides(['novalue'])).toThrow(/key=value/);
    expect(() => parseOverrides(['__proto__.x=1'])).toThrow(/bad key/);
    expect(() => parseOverrides(['a=1', 'a.b=2'])).toThrow(/conflicts/);
  });
});

describe('rejectInlineApiKeys', () => {
  it('names the field and points to apiKeyEnv', () => {
    expect(() => rejectInlineApiKeys({ endpoints: [{ name: 'x', apiKey: 'sk-1' }] })).toThrow(/config\.endpoints\[0\]\.apiKey: .*apiKeyEnv/);
    expect(() => rejectInlineApiKeys({ 'endpoints.0.apiKey': 'sk' }, 'overrides')).toThrow(/overrides\.endpoints\.0\.apiKey/);
    expect(() => rejectInlineApiKeys({ endpoints: [{ name: 'x', apiKeyEnv: 'KEY' }] })).not.toThrow();
  });
});

describe('expandOverrides (fork config changes)', () => {
  it('deep-merges nested overrides into the parent value, replacing arrays and scalars', () => {
    const parent = {
      epochs: 3,
      roles: { critic: { endpoint: 'a', sampling: { temperature: 0, topP: 1 } }, solver: { endpoint: 'a', sampling: {} } },
      endpoints: [{ name: 'a' }, { name: 'b' }],
    };
    expect(expandOverrides(parent, { epochs: 5, roles: { critic: { sampling: { temperature: 0.3 } } }, endpoints: [{ name: 'c' }] })).toEqual({
      epochs: 5,
      roles: { critic: { endpoint: 'a', sampling: { temperature: 0.3, topP: 1 } }, solver: { endpoint: 'a', sampling: {} } },
      endpoints: [{ name: 'c' }],
    });
  });
});
