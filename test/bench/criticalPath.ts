import type { StoredEvent } from '../../shared/events/envelope';
import type { LoggedCall } from '../../shared/events/run/callRecord';

/** Calls of the built-in lexical embedder run in-process: no network round. */
const LOCAL_ENDPOINTS = new Set(['builtin:lexical']);

/** Phases whose scores no decision waits for: the engine runs them in the background (engine README). */
const MEASUREMENT_PHASES = new Set(['seed-test', 'test-prompt-only']);

export interface PhaseRounds {
  /** First global position of the phase (one engine append). */
  position: number;
  /** The engine phase (`metadata.phase`), null for control events (RunStarted, RunPaused, ...). */
  phase: string | null;
  /** Event types in the phase, e.g. "SolverAnswered x300, EvaluationCompleted". */
  label: string;
  epoch: number | null;
  step: number | null;
  /** Model calls that went over the network (cache hits and local embeddings excluded). */
  calls: number;
  /** Rounds of dependent calls at the given concurrency. */
  rounds: number;
  /** Wall time the engine spent on the phase: previous append -> this append, ms. */
  observedMs: number;
}

/** How a measurement phase was counted in the dependency graph's bound. */
export interface MeasurementOverlap {
  position: number;
  phase: string;
  calls: number;
  /** Its rounds on its own (what the sequential bound counts). */
  rounds: number;
  /** The decision phases it ran beside, their rounds and the slots they left idle. */
  overlappedPhases: number;
  overlappedRounds: number;
  idleSlots: number;
  /** Rounds it still adds: what did not fit in the idle slots, or outlasted the phases beside it. */
  extraRounds: number;
}

export interface CriticalPath {
  phases: PhaseRounds[];
  /** Today's bound: every phase's rounds one after the other, measurements included. */
  rounds: number;
  boundMs: number;
  /**
   * The dependency graph's bound: the decision phases one after the other, plus only the rounds of
   * measurements that do not fit in the idle slots of the phases they overlap.
   */
  graphRounds: number;
  graphBoundMs: number;
  measurements: MeasurementOverlap[];
}

interface Phase {
  events: StoredEvent[];
}

/** The calls an event records; `data.calls` is the complete list (the fold's usage counts exactly these). */
function callsOf(event: StoredEvent): LoggedCall[] {
  return (event.data as { calls?: LoggedCall[] }).calls ?? [];
}

function remote(call: LoggedCall): boolean {
  return !call.cached && !LOCAL_ENDPOINTS.has(call.endpoint);
}

/** Where an event was appended: its phase, epoch and step as the engine stamped them. */
function stampOf(event: StoredEvent): string {
  const m = event.metadata;
  return `${String(m.phase ?? '')}|${String(m.epoch ?? '')}|${String(m.step ?? '')}`;
}

/**
 * One append of the engine = one phase: the engine appends a phase's events together, so their
 * `recordedAt` is identical, they carry the same phase stamp and they are consecutive in the stream
 * (two appends within one millisecond differ in their stamp).
 */
function splitIntoPhases(events: readonly StoredEvent[]): Phase[] {
  const phases: Phase[] = [];
  for (const event of events) {
    const last = phases[phases.length - 1];
    const prev = last?.events[last.events.length - 1];
    if (last && prev && prev.recordedAt === event.recordedAt && prev.streamId === event.streamId && stampOf(prev) === stampOf(event)) last.events.push(event);
    else phases.push({ events: [event] });
  }
  return phases;
}

/**
 * Rounds of one phase, from the dependency structure of its calls:
 * - solver and lesson-writer calls of a phase are independent: ceil(n / concurrency) rounds;
 * - a remote embedding precedes the solver calls it serves: 1 round each;
 * - critic calls with scope 'all' come in per-item pairs (feedback on the response, then on the
 *   prompt): 2 x ceil(items / concurrency) rounds; other critic calls depend on each other: 1 each;
 * - optimizer attempts, reflections and meta-controller calls are sequential: 1 round each.
 * Sequential phases add up; nothing is assumed to overlap across phases.
 */
function roundsOf(phase: Phase, concurrency: number): { calls: number; rounds: number } {
  const byRole = new Map<string, number>();
  let criticPairs = 0;
  for (const event of phase.events) {
    const calls = callsOf(event).filter(remote);
    for (const call of calls) byRole.set(call.role, (byRole.get(call.role) ?? 0) + 1);
    if (event.type === 'CritiqueWritten') {
      const data = event.data as { scope?: string; perItem?: unknown[] };
      if (data.scope === 'all' && data.perItem) criticPairs += data.perItem.length;
    }
  }
  const waves = (n: number) => Math.ceil(n / concurrency);
  let rounds = 0;
  let calls = 0;
  for (const [role, n] of byRole) {
    calls += n;
    switch (role) {
      case 'solver':
      case 'lessonWriter':
        rounds += waves(n);
        break;
      case 'critic': {
        const paired = Math.min(n, criticPairs * 2);
        rounds += 2 * waves(paired / 2) + (n - paired);
        break;
      }
      default:
        // embedder (remote), optimizer, reflector, metaController: one dependent round per call.
        rounds += n;
    }
  }
  return { calls, rounds };
}

function describe(events: readonly StoredEvent[]): string {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => (n > 1 ? `${type} x${n}` : type)).join(', ');
}

/**
 * The critical-path lower bounds of a run, computed from the calls its events record: today's
 * (phases in sequence) and the dependency graph's (measurements overlapped with decision work).
 */
export function criticalPath(events: readonly StoredEvent[], options: { concurrency: number; latencyMs: number }): CriticalPath {
  const phases: PhaseRounds[] = [];
  let previousAt: number | null = null;
  for (const phase of splitIntoPhases(events)) {
    const first = phase.events[0]!;
    const at = Date.parse(first.recordedAt);
    const { calls, rounds } = roundsOf(phase, options.concurrency);
    phases.push({
      position: first.globalPosition,
      phase: typeof first.metadata.phase === 'string' ? first.metadata.phase : null,
      label: describe(phase.events),
      epoch: (first.metadata.epoch as number | undefined) ?? null,
      step: (first.metadata.step as number | undefined) ?? null,
      calls,
      rounds,
      observedMs: previousAt === null ? 0 : at - previousAt,
    });
    previousAt = at;
  }
  const rounds = phases.reduce((sum, p) => sum + p.rounds, 0);
  const measurements = overlaps(phases, options.concurrency);
  const graphRounds = phases.reduce((sum, p) => sum + (p.phase !== null && MEASUREMENT_PHASES.has(p.phase) ? 0 : p.rounds), 0)
    + measurements.reduce((sum, m) => sum + m.extraRounds, 0);
  return { phases, rounds, boundMs: rounds * options.latencyMs, graphRounds, graphBoundMs: graphRounds * options.latencyMs, measurements };
}

/**
 * What each measurement phase adds to the dependency graph's bound. It runs beside the decision
 * phases appended between its launch and its landing: the seed test from the end of seed-val to
 * where it landed, the prompt-only test beside the test appended just before it (a log where a
 * measurement directly follows its launch point overlapped nothing, and counts in full). A simple
 * honest model: every round of those phases offers `concurrency` slots, minus the calls the phase
 * itself made; the measurement's calls fill those idle slots, and only what does not fit (in whole
 * rounds), or the rounds by which it outlasts the phases beside it, is added.
 */
function overlaps(phases: readonly PhaseRounds[], concurrency: number): MeasurementOverlap[] {
  const result: MeasurementOverlap[] = [];
  phases.forEach((measurement, index) => {
    if (measurement.phase === null || !MEASUREMENT_PHASES.has(measurement.phase)) return;
    let from = index;
    if (measurement.phase === 'seed-test') {
      const seedVal = phases.findLastIndex((p, i) => i < index && p.phase === 'seed-val');
      from = seedVal >= 0 ? seedVal + 1 : index;
    } else if (phases[index - 1]?.phase === 'test') {
      from = index - 1;
    }
    const beside = phases.slice(from, index).filter((p) => p.phase === null || !MEASUREMENT_PHASES.has(p.phase));
    const overlappedRounds = beside.reduce((sum, p) => sum + p.rounds, 0);
    const idleSlots = beside.reduce((sum, p) => sum + Math.max(0, p.rounds * concurrency - p.calls), 0);
    const overflow = Math.ceil(Math.max(0, measurement.calls - idleSlots) / concurrency);
    const extraRounds = Math.max(overflow, measurement.rounds - overlappedRounds, 0);
    result.push({
      position: measurement.position, phase: measurement.phase, calls: measurement.calls, rounds: measurement.rounds,
      overlappedPhases: beside.length, overlappedRounds, idleSlots, extraRounds,
    });
  });
  return result;
}
