/**
 * The run and the log position the view shows, kept in the URL's hash (`#run=ID&at=POSITION`),
 * so a reload or a shared link opens the same point. The hash, not the query: the web host
 * strips the query when it exchanges the token, and the hash never reaches any server.
 */
export interface UrlPoint { runId: string; position?: number }

export function parseUrlPoint(hash: string): UrlPoint | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const runId = params.get('run');
  if (!runId) return null;
  const at = Number(params.get('at'));
  return Number.isInteger(at) && at > 0 ? { runId, position: at } : { runId };
}

export function formatUrlPoint(point: UrlPoint | null): string {
  if (!point) return '';
  const params = new URLSearchParams({ run: point.runId });
  if (point.position !== undefined) params.set('at', String(point.position));
  return `#${params.toString()}`;
}
