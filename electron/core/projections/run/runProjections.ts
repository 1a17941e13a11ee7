import type { Projection } from '../projection';
import { metricsProjection } from './metricsProjection';
import { notebookProjection } from './notebookProjection';
import { promptVersionsProjection } from './promptVersionsProjection';
import { runSummaryProjection } from './runSummaryProjection';
import { snapshotProjection } from './snapshotProjection';
import { usageProjection } from './usageProjection';
import { timelineProjection } from '../../timeline/timelineProjection';

/** The engine's read models, in the order they apply. */
export function runProjections(): Projection[] {
  return [runSummaryProjection, promptVersionsProjection, metricsProjection, usageProjection, timelineProjection, notebookProjection, snapshotProjection];
}
