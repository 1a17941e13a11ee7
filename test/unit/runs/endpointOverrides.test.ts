import { describe, expect, it } from 'vitest';
import { applyEndpointOverrides, flattenOverrides, isEndpointKey } from '../../../electron/core/runs/endpointOverrides';
import { expandOverrides } from '../../../electron/core/runs/expandOverrides';
import { describeConfigPath, plainConfigIssue } from '../../../shared/config/plainConfigIssue';

describe('endpoint overrides for resume', () => {
  const config = { epochs: 2, endpoints: [{ name: 'a', baseURL: 'http://old/v1', model: 'm' }], roles: { solver: { endpoint: 'a' } } };

  it('flattens nested (--set) and dotted (form) overrides alike', () => {
    expect(flattenOverrides({ endpoints: { 0: { baseURL: 'x' } } })).toEqual([['endpoints.0.baseURL', 'x']]);
    expect(flattenOverrides({ 'endpoints.0.baseURL': 'x' })).toEqual([['endpoints.0.baseURL', 'x']]);
  });

  it('patches only the named element and records the flattened keys', () => {
    const { config: patched, applied } = applyEndpointOverrides(config, { endpoints: { 0: { baseURL: 'http://new/v1' } } });
    expect(patched.endpoints).toEqual([{ name: 'a', baseURL: 'http://new/v1', model: 'm' }]);
    expect(applied).toEqual({ 'endpoints.0.baseURL': 'http://new/v1' });
    expect(config.endpoints[0]!.baseURL).toBe('http://old/v1');
  });

  it('refuses anything but endpoints and role bindings, naming the key', () => {
    expect(isEndpointKey('roles.critic.endpoint')).toBe(true);
    expect(isEndpointKey('roles.critic.sampling.temperature')).toBe(false);
    expect(() => applyEndpointOverrides(config, { epochs: 5 })).toThrow(/epochs/);
    expect(() => applyEndpointOverrides(config, { 'endpoints.__proto__.x': 1 })).toThrow(/__proto__/);
  });

  it('fork overrides with an index patch one array element', () => {
    expect(expandOverrides(config, { endpoints: { 0: { baseURL: 'http://new/v1' } } })).toEqual({ endpoints: [{ name: 'a', baseURL: 'http://new/v1', model: 'm' }] });
  });
});

describe('plain-words config issues', () => {
  it('names the field and says what is wrong without zod wording', () => {
    expect(describeConfigPath(['endpoints', 0, 'model'])).toBe('model of endpoint 1');
    expect(plainConfigIssue({ code: 'too_small', origin: 'string', minimum: 1, path: ['endpoints', 0, 'model'], message: 'Too small: expected string to have >=1 characters' }))
      .toBe('model of endpoint 1 must not be empty');
    expect(plainConfigIssue({ code: 'too_small', origin: 'number', minimum: 1, inclusive: true, path: ['epochs'], message: '' })).toBe('epochs must be at least 1');
    expect(plainConfigIssue({ code: 'invalid_type', expected: 'number', path: ['batchSize'], message: 'Invalid input: expected number, received string' })).toBe('batch size must be a number');
    expect(plainConfigIssue({ code: 'invalid_type', expected: 'string', path: ['method'], message: 'Invalid input: expected string, received undefined' })).toBe('method is required');
    expect(plainConfigIssue({ code: 'invalid_format', format: 'url', path: ['endpoints', 1, 'baseURL'], message: 'Invalid URL' })).toBe('base URL of endpoint 2 must be a URL such as http://127.0.0.1:8000/v1');
    expect(plainConfigIssue({ code: 'invalid_value', values: ['remo', 'textgrad'], path: ['method'], message: '' })).toBe('method must be one of: "remo", "textgrad"');
  });
});
