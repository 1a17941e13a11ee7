/**
 * What the view shows, kept in the URL's hash so a reload or a shared link opens the same thing:
 * a run at a log position (`#run=ID&at=POSITION`) or a comparison (`#compare=ID,ID`). The hash,
 * not the query: the web host strips the query when it exchanges the token, and the hash never
 * reaches any server.
 */
export type UrlPoint = { runId: string; position?: number } | { compare: string[] };

export function parseUrlPoint(hash: string): UrlPoint | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const compare = params.get('compare');
  if (compare) {
    const ids = compare.split(',').map((id) => id.trim()).filter(Boolean);
    return ids.length > 0 ? { compare: ids } : null;
  }
  const runId = params.get('run');
  if (!runId) return null;
  const at = Number(params.get('at'));
  return Number.isInteger(at) && at > 0 ? { runId, position: at } : { runId };
}

export function formatUrlPoint(point: UrlPoint | null): string {
  if (!point) return '';
  if ('compare' in point) return `#${new URLSearchParams({ compare: point.compare.join(',') }).toString()}`;
  const params = new URLSearchParams({ run: point.runId });
  if (point.position !== undefined) params.set('at', String(point.position));
  return `#${params.toString()}`;
}
