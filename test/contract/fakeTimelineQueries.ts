import type { TimelineQueries } from '../../electron/core/timeline';
import type { TimelineIndex, VersionView } from '../../shared/api/timelineViews';
import type { createFakeRunService } from './fakeRunService';

/**
 * The timeline read side over the fake RunService's arrays: every event is a control event, each
 * `EpochEnded` ends an epoch and makes prompt and Q version `epoch` (as the fake's stateAt says).
 */
export function createFakeTimelineQueries(runs: ReturnType<typeof createFakeRunService>): TimelineQueries {
  const versionsOf = (runId: string): VersionView[] =>
    runs.events(runId, { limit: 1000 }).filter((e) => e.type === 'EpochEnded').flatMap((e, epoch) =>
      (['prompt', 'optimizer'] as const).map((kind): VersionView => ({
        kind, position: e.globalPosition, version: epoch, status: epoch === 0 ? 'initial' : 'accepted',
        text: `${kind === 'prompt' ? 'prompt' : 'Q'} after epoch ${epoch}`, epoch: epoch === 0 ? null : epoch, step: null,
        val: null, previousVal: null, reason: null, parentVersion: epoch === 0 ? null : epoch - 1, unchanged: false,
      })));
  return {
    timeline(runId, afterPosition = 0) {
      const events = runs.events(runId, { limit: 1000 });
      const typeNames = [...new Set(events.map((e) => e.type))];
      const shown = events.filter((e) => e.globalPosition > afterPosition);
      const index: TimelineIndex = {
        runId, typeNames, positions: shown.map((e) => e.globalPosition), types: shown.map((e) => typeNames.indexOf(e.type)),
        phases: shown.map(() => 0), epochs: shown.map(() => -1), steps: shown.map(() => -1), calls: shown.map(() => 0), tokens: shown.map(() => 0),
        epochEnds: events.filter((e) => e.type === 'EpochEnded').map((e, epoch) => ({ epoch, position: e.globalPosition })),
        forks: [], forkedAt: null, lastPosition: events.at(-1)?.globalPosition ?? 0,
      };
      return index;
    },
    versions: (runId) => {
      runs.summary(runId);
      return versionsOf(runId);
    },
    metrics: (runId) => {
      runs.summary(runId);
      return { runId, trainBatches: [], evaluations: [], tokens: { roles: [], positions: [], tokens: [] } };
    },
    async event(runId, position) {
      const events = runs.events(runId, { limit: 1000 });
      const index = events.findIndex((e) => e.globalPosition === position);
      if (index < 0) throw Object.assign(new Error(`position ${position} is not part of run ${runId}'s log`), { code: 'not-found' });
      return { event: events[index]!, index };
    },
    provenance(runId, kind, position) {
      const version = versionsOf(runId).find((v) => v.kind === kind && v.position === position);
      if (!version) throw Object.assign(new Error(`no ${kind} version was made at position ${position}`), { code: 'not-found' });
      return { runId, kind, position, version: version.version, status: version.status, epoch: version.epoch, step: null, answers: [], critiques: [], proposal: null, gate: null, reflections: [] };
    },
    async searchNotebook(runId) {
      runs.summary(runId);
      return [];
    },
  };
}
