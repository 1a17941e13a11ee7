import { useEffect } from 'react';
import { useApp } from '../store/storeContext';
import { formatUrlPoint, parseUrlPoint, type UrlPoint } from './urlPoint';

/** Writing the hash on every keystroke of a scrub would flood history APIs; this is plenty. */
const WRITE_SETTLE_MS = 150;

/**
 * Keeps the URL's hash in step with what is shown (a run and its cursor, or a comparison), with
 * replaceState so scrubbing does not fill the back button, and follows hash changes the user
 * makes (a pasted link).
 */
export function useUrlPoint(): void {
  const runId = useApp((s) => s.selectedRunId);
  const position = useApp((s) => s.pointState?.position);
  const following = useApp((s) => s.following);
  const comparing = useApp((s) => s.comparing);
  const compareIds = useApp((s) => s.compareIds);
  const selectRun = useApp((s) => s.selectRun);
  const scrubToPosition = useApp((s) => s.scrubToPosition);
  const openCompare = useApp((s) => s.openCompare);

  useEffect(() => {
    const timer = setTimeout(() => {
      // A run followed live keeps no position, so a reload follows it again.
      const point: UrlPoint | null = comparing
        ? { compare: compareIds }
        : runId ? { runId, ...(position !== undefined && !following ? { position } : {}) } : null;
      const hash = formatUrlPoint(point);
      if (hash !== window.location.hash) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
    }, WRITE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [runId, position, following, comparing, compareIds]);

  useEffect(() => {
    const onHashChange = () => {
      const point = parseUrlPoint(window.location.hash);
      if (!point) return;
      if ('compare' in point) void openCompare(point.compare);
      else if (point.runId !== runId) void selectRun(point.runId, point.position);
      else if (point.position !== undefined && point.position !== position) scrubToPosition(point.position, 'link');
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [runId, position, selectRun, scrubToPosition, openCompare]);
}
