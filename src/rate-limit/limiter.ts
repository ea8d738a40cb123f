// The client-side queue in front of a RateLimitStore: one FIFO per (key, bucket),
// a concurrency cap over all of them, the caller's signal, and the onRateLimit hook.
// The transport asks it for a slot before every attempt and reports each answer.

import { onAbort } from "../abort-listener.js";
import { operationInfo } from "../call/1-operation.js";
import type { AttemptLimiter, OutgoingRequest } from "../call/4-transport.js";
import { ChirpError } from "../errors/chirp-error.js";
import { ChirpAbortError } from "../errors/network-errors.js";
import type { OperationId } from "../generated/operations.js";
import { bucketTable, budgetOf, DEFAULT_WINDOW_MS, keyKindOf, type LimitKeyKind } from "./buckets.js";
import { keyId } from "./key-id.js";
import { MemoryRateLimitStore } from "./memory-store.js";
import { observationOf } from "./observation.js";
import type { RateLimitBucketStats, RateLimitOptions } from "./options.js";
import { provisionalSnapshot } from "./provisional.js";
import { expectedWait, Queue } from "./queue.js";
import type { Observation, RateLimitStore } from "./store.js";

/** Reports an attempt's answer; for a 429, returns how long the bucket is now paused, in ms. */
type Release = (response: Response | undefined) => number | undefined;

/**
 * Keeps a client within its rate limits: calls queue per key and bucket, and go
 * out as the store grants them. Built by `new Chirp({ rateLimit })`; read its
 * state through `chirp.rateLimiter.stats()`.
 */
export class RateLimiter implements AttemptLimiter {
  readonly #store: RateLimitStore;
  readonly #options: RateLimitOptions;
  readonly #windowMs: number;
  readonly #maxConcurrent: number;
  readonly #table: Map<OperationId, string>;
  readonly #keyIds: Partial<Record<LimitKeyKind, string>>;
  readonly #now: () => number;
  readonly #queues = new Map<string, Queue>();
  readonly #instance = Math.random().toString(36).slice(2, 10);
  /** Requests granted and not yet answered, all buckets together. */
  #inFlight = 0;
  /**
   * Slots a queue has claimed while its store's `take` is under way. Counted against
   * `maxConcurrent` before the await: each queue computing its share from `#inFlight`
   * alone, then awaiting the store, let every bucket take the whole cap at once.
   */
  #reserved = 0;
  /** Queues that found every slot taken: pumped again as soon as one frees. */
  readonly #starved = new Set<Queue>();
  #seq = 0;

  /** Keys are hashed here and not kept. */
  constructor(options: RateLimitOptions, keys: Partial<Record<LimitKeyKind, string>>, now: () => number) {
    this.#options = options;
    this.#store = options.store ?? new MemoryRateLimitStore();
    this.#windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.#maxConcurrent = options.maxConcurrent ?? 16;
    this.#table = bucketTable(options.buckets);
    this.#now = now;
    this.#keyIds = {
      ...(keys.app ? { app: keyId(keys.app) } : {}),
      ...(keys.admin ? { admin: keyId(keys.admin) } : {}),
    };
  }

  /** Every bucket this client has used, with its queue, in-flight count, budget and expected wait. */
  stats(): RateLimitBucketStats[] {
    const now = this.#now();
    return [...this.#queues.values()].map((q) => ({
      bucket: q.bucket,
      keyKind: q.keyKind,
      queued: q.waiters.length,
      inFlight: q.inFlight,
      ...q.snap,
      expectedWaitMs: expectedWait(q, now, this.#windowMs),
    }));
  }

  /** Waits for a slot for one attempt of `req`; the returned function reports its answer. Undefined: not limited. */
  async acquire(req: OutgoingRequest): Promise<Release | undefined> {
    const info = operationInfo(req.operationId);
    const kind = info && keyKindOf(info);
    if (!kind) return undefined;
    const id = this.#keyIds[kind];
    if (!id) return undefined;
    const bucket = this.#table.get(req.operationId as OperationId) ?? "general";
    const queue = this.#queue(`${id}:${bucket}`, kind, bucket);
    const signal = req.signal;
    if (signal?.aborted) throw new ChirpAbortError(req.method, req.path, signal.reason);
    return new Promise<Release>((resolve, reject) => {
      const abort = () => {
        const at = queue.waiters.indexOf(waiter);
        if (at >= 0) queue.waiters.splice(at, 1);
        // The last waiter left: its wake-up timer must not keep the process alive.
        if (queue.waiters.length === 0) queue.cancel();
        reject(new ChirpAbortError(req.method, req.path, signal?.reason));
      };
      const waiter = {
        grant: (leaseId: string) => {
          stopListening?.();
          resolve(this.#release(queue, leaseId));
        },
        fail: (error: unknown) => {
          stopListening?.();
          reject(error);
        },
      };
      // One listener on a signal shared by many queued calls (abort-listener.ts).
      const stopListening = signal ? onAbort(signal, abort) : undefined;
      queue.waiters.push(waiter);
      this.#pump(queue);
    });
  }

  #queue(id: string, keyKind: LimitKeyKind, bucket: string): Queue {
    let q = this.#queues.get(id);
    if (!q) {
      q = new Queue(id, keyKind, bucket, budgetOf(keyKind, bucket, this.#options.budgets));
      this.#queues.set(id, q);
    }
    return q;
  }

  #release(q: Queue, leaseId: string): Release {
    this.#inFlight++;
    q.inFlight++;
    let done = false;
    return (response) => {
      if (done) return undefined;
      done = true;
      this.#inFlight--;
      q.inFlight--;
      this.#wakeStarved();
      const now = this.#now();
      const observation = observationOf(response, now);
      q.snap = provisionalSnapshot(q.snap, observation, q.inFlight, now, this.#windowMs);
      // The store pauses the bucket this long (a 429 naming no wait pauses it a window).
      const pauseMs = observation.status === 429 ? (observation.retryAfterMs ?? this.#windowMs) : undefined;
      if (pauseMs !== undefined) this.#emit(q, "429", pauseMs);
      this.#observe(q, leaseId, observation);
      return pauseMs;
    };
  }

  #observe(q: Queue, leaseId: string, observation: Observation): void {
    const request = {
      bucketId: q.id,
      now: this.#now(),
      leaseId,
      observation,
      limit: q.limit,
      windowMs: this.#windowMs,
    };
    this.#store
      .observe(request)
      .then((snap) => {
        q.snap = snap;
      })
      // A lost observation only costs precision: the lease expires and the next answer corrects the estimate.
      .catch(() => {})
      .finally(() => {
        for (const queue of this.#queues.values()) if (queue.waiters.length > 0) this.#pump(queue);
      });
  }

  /** A slot freed: the queues that found none try again (a queue waiting on its window keeps its own timer). */
  #wakeStarved(): void {
    const starved = [...this.#starved];
    this.#starved.clear();
    for (const queue of starved) if (queue.waiters.length > 0) this.#pump(queue);
  }

  #emit(q: Queue, reason: "wait" | "429", waitMs: number): void {
    try {
      this.#options.onRateLimit?.({ reason, bucket: q.bucket, keyKind: q.keyKind, waitMs, queued: q.waiters.length });
    } catch {
      // A throwing hook must not wedge the queue.
    }
  }

  async #pump(q: Queue): Promise<void> {
    if (q.busy) {
      q.again = true;
      return;
    }
    q.busy = true;
    try {
      while (q.waiters.length > 0) {
        q.again = false;
        const n = Math.min(this.#maxConcurrent - this.#inFlight - this.#reserved, q.waiters.length);
        if (n <= 0) {
          this.#starved.add(q);
          return;
        }
        // Claimed before the await, so that other buckets pumping meanwhile see these slots taken.
        this.#reserved += n;
        const leaseIds = Array.from({ length: n }, () => `${this.#instance}:${++this.#seq}`);
        const { probePollMs = 20, leaseMs = 120_000 } = this.#options;
        const base = { bucketId: q.id, limit: q.limit, windowMs: this.#windowMs };
        let result: Awaited<ReturnType<RateLimitStore["take"]>>;
        try {
          result = await this.#store.take({ ...base, now: this.#now(), leaseIds, leaseMs, probePollMs });
        } catch (cause) {
          this.#reserved -= n;
          this.#wakeStarved();
          const error = new ChirpError("The rate limiter's store failed; the request was not sent.", { cause });
          for (const w of q.waiters.splice(0)) w.fail(error);
          return;
        }
        // The claim ends here: the grants below move into #inFlight, the rest go back.
        this.#reserved -= n;
        q.snap = result;
        for (let i = 0; i < result.granted; i++) {
          const leaseId = leaseIds[i] as string;
          const waiter = q.waiters.shift();
          if (waiter) waiter.grant(leaseId);
          else this.#observe(q, leaseId, { ...observationOf(undefined, 0), unused: true });
        }
        if (result.granted < n) this.#wakeStarved();
        if (result.granted > 0) {
          q.blocked = false;
          continue;
        }
        if (q.again) continue;
        // Waiting on another caller's probe is not running out; an empty or paused window is.
        const now = this.#now();
        if (!q.blocked && (result.resetAt > now || result.pausedUntil > now)) {
          this.#emit(q, "wait", result.waitMs);
          q.blocked = true;
        }
        q.schedule(result.waitMs, () => this.#pump(q));
        return;
      }
    } finally {
      q.busy = false;
      if (q.waiters.length === 0) q.cancel();
    }
  }
}
