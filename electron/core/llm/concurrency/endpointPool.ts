import type { EndpointProfile } from '../types';

/** A held slot on one endpoint. `release` is idempotent. */
export interface EndpointLease {
  readonly endpoint: EndpointProfile;
  release(): void;
}

interface Waiter {
  /** Arrival order across all targets: the queue is FIFO overall, not per target. */
  sequence: number;
  resolve(lease: EndpointLease): void;
  detach(): void;
}

type Candidates = readonly EndpointProfile[];

/**
 * Per-endpoint concurrency slots with a FIFO queue.
 * Invariant: for every endpoint, held leases <= maxConcurrency, at every instant.
 * A request names a set of candidate endpoints (one endpoint, or a group of replicas); it gets
 * the candidate with the fewest requests in flight (ties: the one used least recently), so load
 * spreads over replicas and a slow replica receives less. Queued requests are served in arrival
 * order as slots free up; an aborted waiter leaves the queue without ever reaching a server.
 *
 * Waiters are kept in one queue per candidate list (lists are shared arrays, one per role
 * target), so a release looks at a handful of queue heads instead of scanning thousands of
 * waiters: a run may queue its whole validation set at once.
 */
export class EndpointPool {
  private readonly inFlightByName = new Map<string, number>();
  private readonly lastUsedByName = new Map<string, number>();
  private readonly queues = new Map<Candidates, Waiter[]>();
  private sequence = 0;
  private waiting = 0;

  /** Requests currently in flight on `name`. */
  inFlight(name: string): number {
    return this.inFlightByName.get(name) ?? 0;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting;
  }

  /** Resolves with a slot on one of `candidates`; rejects with `abortReason()` if `signal` fires first. */
  acquire(candidates: Candidates, signal: AbortSignal | undefined, abortReason: () => unknown): Promise<EndpointLease> {
    if (signal?.aborted) return Promise.reject(abortReason());
    const free = this.waiting === 0 ? this.pickFree(candidates) : undefined;
    if (free) return Promise.resolve(this.lease(free));
    return new Promise<EndpointLease>((resolve, reject) => {
      let queue = this.queues.get(candidates);
      if (!queue) this.queues.set(candidates, (queue = []));
      const onAbort = () => {
        const index = queue.indexOf(waiter);
        if (index >= 0) {
          queue.splice(index, 1);
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
      queue.push(waiter);
      this.waiting += 1;
      this.drain();
    });
  }

  private lease(endpoint: EndpointProfile): EndpointLease {
    this.inFlightByName.set(endpoint.name, this.inFlight(endpoint.name) + 1);
    this.lastUsedByName.set(endpoint.name, ++this.sequence);
    let released = false;
    return {
      endpoint,
      release: () => {
        if (released) return;
        released = true;
        this.inFlightByName.set(endpoint.name, this.inFlight(endpoint.name) - 1);
        this.drain();
      },
    };
  }

  private pickFree(candidates: Candidates): EndpointProfile | undefined {
    let best: EndpointProfile | undefined;
    for (const endpoint of candidates) {
      const load = this.inFlight(endpoint.name);
      if (load >= endpoint.maxConcurrency) continue;
      if (
        !best ||
        load < this.inFlight(best.name) ||
        (load === this.inFlight(best.name) && (this.lastUsedByName.get(endpoint.name) ?? 0) < (this.lastUsedByName.get(best.name) ?? 0))
      ) {
        best = endpoint;
      }
    }
    return best;
  }

  /** Hands free slots to the oldest waiters that can use them, until no waiter can be served. */
  private drain(): void {
    while (this.waiting > 0) {
      let chosen: { queue: Waiter[]; endpoint: EndpointProfile } | undefined;
      for (const [candidates, queue] of this.queues) {
        const head = queue[0];
        if (!head || (chosen && chosen.queue[0]!.sequence < head.sequence)) continue;
        const endpoint = this.pickFree(candidates);
        if (endpoint) chosen = { queue, endpoint };
      }
      if (!chosen) return;
      const waiter = chosen.queue.shift()!;
      this.waiting -= 1;
      waiter.detach();
      waiter.resolve(this.lease(chosen.endpoint));
    }
  }
}
