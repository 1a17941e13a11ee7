import type { StoredEvent } from '../../shared/events/envelope';
import type { LoggedCall } from '../../shared/events/run/callRecord';

/** Calls of the built-in lexical embedder run in-process: no network round. */
const LOCAL_ENDPOINTS = new Set(['builtin:lexical']);

export interface PhaseRounds {
  /** First global position of the phase (one engine append). */
  position: number;
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

export interface CriticalPath {
  phases: PhaseRounds[];
  rounds: number;
  boundMs: number;
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

/**
 * One append of the engine = one phase: the engine appends a phase's events together, so their
 * `recordedAt` is identical and they are consecutive in the stream.
 */
function splitIntoPhases(events: readonly StoredEvent[]): Phase[] {
  const phases: Phase[] = [];
  for (const event of events) {
    const last = phases[phases.length - 1];
    const prev = last?.events[last.events.length - 1];
    if (last && prev && prev.recordedAt === event.recordedAt && prev.streamId === event.streamId) last.events.push(event);
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

/** The critical-path lower bound of a run, computed from the calls its events record. */
export function criticalPath(events: readonly StoredEvent[], options: { concurrency: number; latencyMs: number }): CriticalPath {
  const phases: PhaseRounds[] = [];
  let previousAt: number | null = null;
  for (const phase of splitIntoPhases(events)) {
    const first = phase.events[0]!;
    const at = Date.parse(first.recordedAt);
    const { calls, rounds } = roundsOf(phase, options.concurrency);
    phases.push({
      position: first.globalPosition,
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
  return { phases, rounds, boundMs: rounds * options.latencyMs };
}
