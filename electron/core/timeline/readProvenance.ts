import type { LogRef, ProvenanceView } from '../../../shared/api/timelineViews';
import type { StoredEvent } from '../../../shared/events/envelope';
import type {
  CritiqueWrittenData, EvaluationCompletedData, PromptAcceptedData, PromptRejectedData, ReflectionWrittenData, SolverAnsweredData,
} from '../../../shared/events/run/runEventTypes';
import { viewStateAt } from '../engine/stateAt';
import type { EventStore } from '../store/types';
import { eventAtPosition } from './readEventAt';
import { logicalSegments, selectAcrossSegments } from './logicalSegments';
import { readVersions } from './readVersions';
import { TIMELINE_TABLE } from './timelineTables';

const EXCERPT = 600;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);
const refOf = (event: StoredEvent, label: string): LogRef => ({ position: event.globalPosition, type: event.type, label });

/** Types read to explain a version; the step's other events (evaluation answers) are skipped. */
const PROVENANCE_TYPES = [
  'SolverAnswered', 'CritiqueWritten', 'PromptCandidateProposed', 'PromptAccepted', 'PromptRejected', 'EvaluationCompleted', 'ReflectionWritten',
];

/**
 * Why the P or Q version made at `position` exists: for P, the step's training answers (with the
 * lessons each was shown, as they read then), the critiques, the optimizer's proposal and the
 * gate's verdict; for Q, the reflections of its epoch (or step). Every item carries the log
 * position it comes from, so a client can move the scrubber there. Undefined when no version of
 * `kind` was made at `position` in this run's log.
 */
export function readProvenance(store: EventStore, runId: string, kind: 'prompt' | 'optimizer', position: number): ProvenanceView | undefined {
  const version = readVersions(store.db, runId)?.find((v) => v.kind === kind && v.position === position);
  if (!version) return undefined;
  const view: ProvenanceView = {
    runId, kind, position, version: version.version, status: version.status, epoch: version.epoch, step: version.step,
    answers: [], critiques: [], proposal: null, gate: null, reflections: [],
  };
  if (version.epoch === null) return view; // initial or inherited: nothing in this log made it

  // The events of the same epoch (and step) up to the version, read by position from the index.
  const segments = logicalSegments(store.db, runId);
  const stepClause = version.step === null ? '' : ` AND step = ${Number(version.step)}`;
  const rows = selectAcrossSegments<{ position: number; type: string }>(store.db, segments,
    `SELECT position, type FROM ${TIMELINE_TABLE} WHERE run_id = ? AND position <= ? AND epoch = ${Number(version.epoch)}${stepClause}
     AND type IN (${PROVENANCE_TYPES.map((t) => `'${t}'`).join(', ')}) ORDER BY position`)
    .filter((row) => row.position <= position);

  for (const row of rows) {
    const event = eventAtPosition(store, row.position);
    if (!event) continue;
    switch (event.type) {
      case 'SolverAnswered': {
        const d = event.data as SolverAnsweredData;
        if (d.purpose !== 'train' || kind !== 'prompt') break;
        // Lessons as the solver saw them: the notebook folded to just before this answer.
        const notebook = d.retrieved.length > 0 ? viewStateAt(store, runId, event.globalPosition - 1).state.notebook : new Map();
        view.answers.push({
          ref: refOf(event, `${d.correct ? 'right' : 'wrong'} answer to ${d.itemId}`), itemId: d.itemId, correct: d.correct, predicted: d.predicted,
          lessons: d.retrieved.map((r) => {
            const entry = notebook.get(r.entryId);
            return { entryId: r.entryId, score: r.score, lesson: entry?.lesson ?? '', ref: entry ? { position: entry.updatedAt, type: 'NotebookEntryWritten', label: `lesson #${r.entryId}` } : null };
          }),
        });
        break;
      }
      case 'CritiqueWritten':
        if (kind === 'prompt') view.critiques.push({ ref: refOf(event, 'critique'), excerpt: excerpt((event.data as CritiqueWrittenData).feedback) });
        break;
      case 'PromptCandidateProposed':
        if (kind === 'prompt') view.proposal = { ref: refOf(event, 'optimizer reply'), excerpt: excerpt((event.data as { candidate: string }).candidate) };
        break;
      case 'EvaluationCompleted': {
        const d = event.data as EvaluationCompletedData;
        if (kind === 'prompt' && d.label === 'gate-candidate') view.gate = { ref: refOf(event, 'validation gate'), candidateVal: d.accuracy, acceptedVal: view.gate?.acceptedVal ?? null };
        break;
      }
      case 'PromptAccepted': case 'PromptRejected': {
        if (kind !== 'prompt' || event.globalPosition !== position) break;
        const d = event.data as PromptAcceptedData & PromptRejectedData;
        const acceptedVal = event.type === 'PromptAccepted' ? d.previousVal : d.acceptedVal;
        if (d.gated || event.type === 'PromptRejected') view.gate = { ref: refOf(event, event.type === 'PromptAccepted' ? 'accepted' : 'rejected'), candidateVal: d.candidateVal, acceptedVal };
        break;
      }
      case 'ReflectionWritten':
        if (kind === 'optimizer') view.reflections.push({ ref: refOf(event, 'reflection'), excerpt: excerpt((event.data as ReflectionWrittenData).text) });
        break;
    }
  }
  // Answers that failed first: they are what the critique and the update respond to.
  view.answers.sort((a, b) => Number(a.correct) - Number(b.correct) || a.ref.position - b.ref.position);
  return view;
}
