import { useEffect, useRef } from 'react';
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
  // The hash as this hook last left it. A hash that differs from it when the settle timer fires was
  // set from outside (a pasted link, whose hashchange is still queued): the link wins, not the
  // point it replaces, so the timer leaves it for the hashchange handler.
  const lastWritten = useRef(typeof window === 'undefined' ? '' : window.location.hash);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (window.location.hash !== lastWritten.current) return;
      // A run followed live keeps no position, so a reload follows it again.
      const point: UrlPoint | null = comparing
        ? { compare: compareIds }
        : runId ? { runId, ...(position !== undefined && !following ? { position } : {}) } : null;
      const hash = formatUrlPoint(point);
      if (hash !== window.location.hash) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
      lastWritten.current = window.location.hash;
    }, WRITE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [runId, position, following, comparing, compareIds]);

  useEffect(() => {
    const onHashChange = () => {
      lastWritten.current = window.location.hash;
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
