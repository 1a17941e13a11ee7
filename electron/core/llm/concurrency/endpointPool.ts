import type { EndpointProfile } from '../types';

/** A held slot on one endpoint. `release` is idempotent. */
export interface EndpointLease {
  readonly endpoint: EndpointProfile;
  release(): void;
}

interface Waiter {
  candidates: readonly EndpointProfile[];
  resolve(lease: EndpointLease): void;
  reject(reason: unknown): void;
  detach(): void;
}

/**
 * Per-endpoint concurrency slots with one FIFO queue.
 * Invariant: for every endpoint, held leases <= maxConcurrency, at every instant.
 * A request names a set of candidate endpoints (one endpoint, or a group of replicas); it gets
 * the candidate with the fewest requests in flight (ties: the one used least recently), so load
 * spreads over replicas and a slow replica receives less. Queued requests are served in arrival
 * order as slots free up; an aborted waiter leaves the queue without ever reaching a server.
 */
export class EndpointPool {
  private readonly inFlightByName = new Map<string, number>();
  private readonly lastUsedByName = new Map<string, number>();
  private readonly queue: Waiter[] = [];
  private sequence = 0;

  /** Requests currently in flight on `name`. */
  inFlight(name: string): number {
    return this.inFlightByName.get(name) ?? 0;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.queue.length;
  }

  /** Resolves with a slot on one of `candidates`; rejects with `abortReason()` if `signal` fires first. */
  acquire(candidates: readonly EndpointProfile[], signal: AbortSignal | undefined, abortReason: () => unknown): Promise<EndpointLease> {
    if (signal?.aborted) return Promise.reject(abortReason());
    const free = this.pickFree(candidates);
    if (free && this.queue.length === 0) return Promise.resolve(this.lease(free));
    return new Promise<EndpointLease>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(abortReason());
      };
      const waiter: Waiter = {
        candidates,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
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

  private pickFree(candidates: readonly EndpointProfile[]): EndpointProfile | undefined {
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

  /** Hands free slots to waiters in arrival order (a waiter whose endpoints are all full is skipped). */
  private drain(): void {
    // Candidate lists are shared arrays (one per role target), so remembering the full ones keeps
    // a long queue of same-target waiters from being rescanned on every release.
    const full = new Set<readonly EndpointProfile[]>();
    for (let index = 0; index < this.queue.length; ) {
      const waiter = this.queue[index]!;
      const free = full.has(waiter.candidates) ? undefined : this.pickFree(waiter.candidates);
      if (!free) {
        full.add(waiter.candidates);
        index += 1;
        continue;
      }
      this.queue.splice(index, 1);
      waiter.detach();
      waiter.resolve(this.lease(free));
    }
  }
}
