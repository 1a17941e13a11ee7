import type { EndpointProfile, RequestPriority } from '../types';
import { serverKeyOf } from './serverKey';

/** A held slot on one endpoint's server. `release` is idempotent. */
export interface EndpointLease {
  readonly endpoint: EndpointProfile;
  release(): void;
}

interface Waiter {
  /** Arrival order across all targets: each priority's queue is FIFO overall, not per target. */
  sequence: number;
  resolve(lease: EndpointLease): void;
  detach(): void;
}

type Candidates = readonly EndpointProfile[];

/** Served first to last: a waiting measurement never takes a slot a waiting decision could use. */
const PRIORITIES: readonly RequestPriority[] = ['decision', 'measurement'];

/**
 * Concurrency slots per SERVER (base URL + model, `serverKeyOf`), shared by every gateway that is
 * given the same pool: the composition root gives one pool to all the runs of a process, so a
 * server never has more requests in flight than its endpoints allow, however many runs use it.
 *
 * Invariant: a request starts on a server only while the server's requests in flight are below
 * the requesting endpoint's own `maxConcurrency`. So a server never has more in flight than the
 * largest cap any endpoint gives it, and a run with a smaller cap never pushes it past that cap.
 *
 * A request names a set of candidate endpoints (one endpoint, or a group of replicas); it gets the
 * candidate whose server has the fewest requests in flight (ties: the one used least recently), so
 * load spreads over replicas and a slow replica receives less.
 *
 * Order: waiting `decision` requests are served before any waiting `measurement` request, FIFO
 * within a priority (a waiter whose servers are all full is passed over by one that can start
 * elsewhere). A measurement also leaves alone every server a waiting decision request could use,
 * whatever that request's own cap. Nothing already on the wire is ever preempted. An aborted
 * waiter leaves the queue without ever reaching a server.
 *
 * Waiters are kept in one queue per candidate list and priority (lists are shared arrays, one per
 * role target of a gateway), so a release looks at a handful of queue heads instead of scanning
 * thousands of waiters: a run may queue its whole validation set at once. Empty queues are
 * dropped, so the gateways of finished runs leave nothing behind.
 */
export class EndpointPool {
  private readonly inFlightByServer = new Map<string, number>();
  private readonly lastUsedByServer = new Map<string, number>();
  private readonly queues: Record<RequestPriority, Map<Candidates, Waiter[]>> = { decision: new Map(), measurement: new Map() };
  private readonly keys = new WeakMap<EndpointProfile, string>();
  private sequence = 0;
  private waiting = 0;

  /** Requests in flight on the server `endpoint` talks to (whichever run's endpoint sent them). */
  inFlight(endpoint: Pick<EndpointProfile, 'baseURL' | 'model'>): number {
    return this.inFlightByServer.get(serverKeyOf(endpoint)) ?? 0;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting;
  }

  /** Resolves with a slot on one of `candidates`; rejects with `abortReason()` if `signal` fires first. */
  acquire(candidates: Candidates, signal: AbortSignal | undefined, abortReason: () => unknown, priority: RequestPriority = 'decision'): Promise<EndpointLease> {
    if (signal?.aborted) return Promise.reject(abortReason());
    return new Promise<EndpointLease>((resolve, reject) => {
      const queues = this.queues[priority];
      const queueOf = () => {
        let queue = queues.get(candidates);
        if (!queue) queues.set(candidates, (queue = []));
        return queue;
      };
      const onAbort = () => {
        const queue = queues.get(candidates);
        const index = queue ? queue.indexOf(waiter) : -1;
        if (index >= 0) {
          queue!.splice(index, 1);
          if (queue!.length === 0) queues.delete(candidates);
          this.waiting -= 1;
        }
        reject(abortReason());
      };
      const waiter: Waiter = {
        sequence: ++this.sequence,
        resolve,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queueOf().push(waiter);
      this.waiting += 1;
      this.drain();
    });
  }

  private keyOf(endpoint: EndpointProfile): string {
    let key = this.keys.get(endpoint);
    if (key === undefined) this.keys.set(endpoint, (key = serverKeyOf(endpoint)));
    return key;
  }

  private load(key: string): number {
    return this.inFlightByServer.get(key) ?? 0;
  }

  private lease(endpoint: EndpointProfile): EndpointLease {
    const key = this.keyOf(endpoint);
    this.inFlightByServer.set(key, this.load(key) + 1);
    this.lastUsedByServer.set(key, ++this.sequence);
    let released = false;
    return {
      endpoint,
      release: () => {
        if (released) return;
        released = true;
        const left = this.load(key) - 1;
        if (left > 0) this.inFlightByServer.set(key, left);
        else this.inFlightByServer.delete(key);
        this.drain();
      },
    };
  }

  /** The candidate to start on now, or undefined when every candidate's server is at the candidate's cap (or reserved). */
  private pickFree(candidates: Candidates, reserved?: ReadonlySet<string>): EndpointProfile | undefined {
    let best: EndpointProfile | undefined;
    let bestLoad = 0;
    let bestUsed = 0;
    for (const endpoint of candidates) {
      const key = this.keyOf(endpoint);
      if (reserved?.has(key)) continue;
      const load = this.load(key);
      if (load >= endpoint.maxConcurrency) continue;
      const used = this.lastUsedByServer.get(key) ?? 0;
      if (!best || load < bestLoad || (load === bestLoad && used < bestUsed)) {
        best = endpoint;
        bestLoad = load;
        bestUsed = used;
      }
    }
    return best;
  }

  /** The servers some waiting decision request could use: measurements keep off them. */
  private serversWantedByDecisions(): Set<string> {
    const wanted = new Set<string>();
    for (const candidates of this.queues.decision.keys()) for (const endpoint of candidates) wanted.add(this.keyOf(endpoint));
    return wanted;
  }

  /** Hands free slots to the oldest waiters that can use them, decisions first, until no waiter can be served. */
  private drain(): void {
    while (this.waiting > 0) {
      let chosen: { queues: Map<Candidates, Waiter[]>; candidates: Candidates; queue: Waiter[]; endpoint: EndpointProfile } | undefined;
      for (const priority of PRIORITIES) {
        const queues = this.queues[priority];
        if (queues.size === 0) continue;
        // Every decision queue left is one whose head cannot start: its servers are reserved for it.
        const reserved = priority === 'measurement' && this.queues.decision.size > 0 ? this.serversWantedByDecisions() : undefined;
        for (const [candidates, queue] of queues) {
          const head = queue[0]!;
          if (chosen && chosen.queue[0]!.sequence < head.sequence) continue;
          const endpoint = this.pickFree(candidates, reserved);
          if (endpoint) chosen = { queues, candidates, queue, endpoint };
        }
        if (chosen) break;
      }
      if (!chosen) return;
      const waiter = chosen.queue.shift()!;
      if (chosen.queue.length === 0) chosen.queues.delete(chosen.candidates);
      this.waiting -= 1;
      waiter.detach();
      waiter.resolve(this.lease(chosen.endpoint));
    }
  }
}
