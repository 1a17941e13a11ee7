import { createHash } from 'node:crypto';
import type { ThinkingSwitchName } from '../thinking/thinkingSwitch';
import type { ChatMessage, EndpointProfile, Sampling } from '../types';

/**
 * Identity of the server side of a call: kind + base URL + model. Deliberately excludes the API
 * key (invariant: no credential reaches the cache table) and the endpoint's display name (renaming
 * an endpoint must not throw its cache away).
 */
export function endpointFingerprint(endpoint: Pick<EndpointProfile, 'kind' | 'baseURL' | 'model'>): string {
  return `${endpoint.kind}|${endpoint.baseURL.replace(/\/+$/, '')}|${endpoint.model}`;
}

export interface CacheKeyParts {
  model: string;
  fingerprint: string;
  messages: readonly ChatMessage[];
  sampling: Sampling;
  /**
   * Whether and how thinking was switched off: changes the reply, so part of the identity. `true`
   * means "off with the switch the endpoint's kind always used" (keys as before switches were
   * named, so existing caches stay valid); a switch name means off with another switch.
   */
  disableThinking: boolean | ThinkingSwitchName;
  sampleIndex: number;
}

/** sha256 over a canonical JSON of the parts (sampling keys sorted, undefined fields dropped). */
export function chatCacheKey(parts: CacheKeyParts): string {
  const sampling = Object.fromEntries(
    Object.entries(parts.sampling).filter(([, value]) => value !== undefined).sort(([a], [b]) => a.localeCompare(b)),
  );
  const canonical = JSON.stringify([
    parts.model,
    parts.fingerprint,
    parts.messages.map((m) => [m.role, m.content]),
    sampling,
    parts.disableThinking,
    parts.sampleIndex,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
