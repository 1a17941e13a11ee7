import { useEffect } from 'react';
import { useApp } from '../../store/storeContext';
import { ExperimentView } from './ExperimentView';
import { ExperimentsList } from './ExperimentsList';

/** Refresh of a page with something running, besides the pushes. */
const POLL_MS = 3000;

/** The Experiments page: the list (and the new-experiment form), or the experiment opened from it. */
export function ExperimentsView() {
  const openExperimentId = useApp((s) => s.openExperimentId);
  const loadExperiments = useApp((s) => s.loadExperiments);
  const refreshExperiment = useApp((s) => s.refreshExperiment);
  const running = useApp((s) => (s.openExperimentId ? s.experiment?.status === 'running' : s.experiments.some((e) => e.status === 'running')));

  useEffect(() => {
    if (openExperimentId) void refreshExperiment();
    else void loadExperiments();
  }, [openExperimentId, refreshExperiment, loadExperiments]);

  // Pushes refresh the page as runs move; while a cell runs it is also asked again now and then.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (openExperimentId) void refreshExperiment();
      else void loadExperiments();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, openExperimentId, refreshExperiment, loadExperiments]);

  return <div className="page" data-testid="experiments-page">{openExperimentId ? <ExperimentView /> : <ExperimentsList />}</div>;
}
