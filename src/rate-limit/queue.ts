// One (key, bucket) queue of waiting calls in this process, and its expected wait.

import { timerDelay } from "../timer-delay.js";
import type { LimitKeyKind } from "./buckets.js";
import type { BucketSnapshot } from "./store.js";

/** A queued call: granted a lease, or failed. */
export interface Waiter {
  grant(leaseId: string): void;
  fail(error: unknown): void;
}

/** The calls of this process waiting on one bucket of one key. */
export class Queue {
  readonly waiters: Waiter[] = [];
  inFlight = 0;
  /** A take is under way; `again` asks it to loop once more instead of sleeping. */
  busy = false;
  again = false;
  /** The last wait was reported to onRateLimit; reset once grants resume. */
  blocked = false;
  snap: BucketSnapshot;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly id: string,
    readonly keyKind: LimitKeyKind,
    readonly bucket: string,
    readonly limit: number,
  ) {
    this.snap = { limit, remaining: limit, resetAt: 0, pausedUntil: 0 };
  }

  /**
   * Runs `then` after `ms`, unless a wake-up is already set. At least 1 ms, so a store
   * answering "wait 0" cannot make the queue spin; at most what a timer can hold, so a
   * reset years away is not read as "wake up now".
   */
  schedule(ms: number, then: () => void): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        then();
      },
      Math.max(1, timerDelay(ms)),
    );
  }

  /** Drops the wake-up: nobody waits any more, and a pending timer would keep the process alive. */
  cancel(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** Expected wait of the last queued call, in ms, from the last known window. */
export function expectedWait(q: Queue, now: number, windowMs: number): number {
  const queued = q.waiters.length;
  if (queued === 0) return 0;
  const { limit, remaining, resetAt, pausedUntil } = q.snap;
  const start = Math.max(now, pausedUntil);
  const open = resetAt > start ? remaining : 0;
  if (queued <= open) return start - now;
  const windows = Math.ceil((queued - open) / Math.max(1, limit));
  const firstWindow = Math.max(resetAt, start);
  return firstWindow - now + (windows - 1) * windowMs;
}
