import { useEffect, useState } from 'react';
import type { ExperimentPlan } from '../../../shared/api/experimentViews';
import type { ApiResult } from '../../../shared/api/result';
import { useApp } from '../../store/storeContext';

/** The core plans the experiment this long after the last keystroke. */
const PLAN_SETTLE_MS = 400;

export interface PlanState {
  /** The answer for the config as it is now; null while none is in (or the config cannot be read). */
  result: ApiResult<ExperimentPlan> | null;
  /** True while the core plans the current config. */
  pending: boolean;
  /** The last answer, for whichever config: shown dimmed while the current one is planned, so the panel does not jump. */
  last: ApiResult<ExperimentPlan> | null;
}

/**
 * The core's plan of an experiment file (`experiments.plan`: every cell checked as starting it
 * would, with an estimate of its cost; nothing written), redone a moment after each change. An
 * answer for an older config is never shown as the current one's.
 */
export function useExperimentPlan(config: Record<string, unknown> | null): PlanState {
  const planExperiment = useApp((s) => s.planExperiment);
  const key = config ? JSON.stringify(config) : null;
  const [answer, setAnswer] = useState<{ key: string; result: ApiResult<ExperimentPlan> } | null>(null);
  useEffect(() => {
    if (!config) return;
    let cancelled = false;
    const asked = JSON.stringify(config);
    const timer = setTimeout(() => {
      void planExperiment(config).then((result) => !cancelled && setAnswer({ key: asked, result }));
    }, PLAN_SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [config, planExperiment]);
  const current = answer !== null && answer.key === key;
  return { result: current ? answer.result : null, pending: key !== null && !current, last: answer?.result ?? null };
}
