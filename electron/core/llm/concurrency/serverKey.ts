import type { EndpointProfile } from '../types';

/**
 * The server an endpoint talks to: its base URL (scheme and host lower-cased, default port
 * dropped, trailing slashes trimmed) plus its model. Endpoint names belong to one run's config and
 * may collide across runs; two endpoints with the same key are one server with one capacity.
 */
export function serverKeyOf(endpoint: Pick<EndpointProfile, 'baseURL' | 'model'>): string {
  return `${normaliseBaseUrl(endpoint.baseURL)} ${endpoint.model}`;
}

function normaliseBaseUrl(baseURL: string): string {
  const trimmed = baseURL.trim();
  try {
    // URL lower-cases the scheme and host and drops a default port; the path keeps its case.
    const url = new URL(trimmed);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return trimmed.replace(/\/+$/, '');
  }
}
