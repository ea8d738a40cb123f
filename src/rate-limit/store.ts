// The budget of one (key, bucket) pair, behind an interface so that one process
// (MemoryRateLimitStore) or many (RedisRateLimitStore, from "chirp-sdk/redis") share it.
//
// Both implement the same state machine, atomically per call:
// - A window whose end is unknown or past is opened by ONE probe request; everyone
//   else waits for its answer, whose X-RateLimit-* headers say where the new window
//   stands. So a clock running ahead of the server's, or a reset rounded to whole
//   seconds, costs at most one early request — never a burst of 429s.
// - Within a window, each grant spends one unit, so our own use is counted exactly,
//   and an answer's `Remaining` at or above our estimate teaches nothing. One below it
//   proves use we did not grant (another client of the key, stragglers from the last
//   window, a lower limit): the estimate drops to `Remaining − (requests granted after
//   this one and still in flight)`, which the server had not counted yet. (Always
//   subtracting every request in flight counts twice those the server has seen whose
//   answers are on their way back: a fifth of each window lost with 4 workers, measured.)
// - An answer with a newer reset opens that window at `Remaining − (all in flight)`:
//   the server is the truth.
// - A 429 empties the window and pauses the bucket until Retry-After (else until
//   X-RateLimit-Reset, else a window); after the pause one probe asks again. Retry-After
//   wins over a later X-RateLimit-Reset: the docs say "wait Retry-After seconds then retry".
// - Each grant holds a lease that expires: a worker that dies mid-request leaks no
//   in-flight count, and a lost probe lets another one go.

/** Where a bucket stands, as the store last computed it. */
export interface BucketSnapshot {
  /** Requests per window (the server's `X-RateLimit-Limit` once seen, else the configured budget). */
  readonly limit: number;
  /** Requests that may still start in the current window. */
  readonly remaining: number;
  /** When the current window ends, epoch ms (0 when no window is open). */
  readonly resetAt: number;
  /** A 429 paused the bucket until this time, epoch ms (0 when not paused). */
  readonly pausedUntil: number;
}

/** A request for up to `leaseIds.length` grants. */
export interface TakeRequest {
  /** Identifies the (key, bucket) pair; holds no key, only a hash of it. */
  readonly bucketId: string;
  readonly now: number;
  /** One id per wanted grant; the granted ones are the first `granted`. */
  readonly leaseIds: readonly string[];
  /** How long a grant counts as in flight unless its answer is observed first. */
  readonly leaseMs: number;
  /** Budget per window, used until the server's headers say otherwise. */
  readonly limit: number;
  readonly windowMs: number;
  /** How soon to ask again while another caller's probe is out. */
  readonly probePollMs: number;
}

/** What `take` decided. */
export interface TakeResult extends BucketSnapshot {
  /** How many of the leases were granted (0 means wait). */
  readonly granted: number;
  /** When nothing was granted: how long to wait before asking again, in ms. */
  readonly waitMs: number;
}

/** How one granted request ended. */
export interface Observation {
  /** The HTTP status, or undefined when no answer came (connection failure, timeout, abort). */
  readonly status: number | undefined;
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  /** `X-RateLimit-Reset`, in epoch ms. */
  readonly resetAt: number | undefined;
  /** `Retry-After` of a 429, in ms. */
  readonly retryAfterMs: number | undefined;
  /** The grant was never used (its caller aborted before sending): give the unit back. */
  readonly unused: boolean;
}

/** The answer to one granted request. */
export interface ObserveRequest {
  readonly bucketId: string;
  readonly now: number;
  readonly leaseId: string;
  readonly observation: Observation;
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Shared state of the rate limiter. Implement it to share budgets through another
 * database; each call must be atomic.
 */
export interface RateLimitStore {
  /** Grants as many of `leaseIds` as the bucket allows (all, some, or none with a wait). */
  take(request: TakeRequest): Promise<TakeResult>;
  /** Records how a granted request ended and releases its lease. */
  observe(request: ObserveRequest): Promise<BucketSnapshot>;
}
