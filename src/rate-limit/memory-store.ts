// The in-process store: the state machine described in store.ts, on plain objects.
// redis-store.lua.ts is the same machine in Lua; test/rate-limit runs one suite on both.
import type { BucketSnapshot, ObserveRequest, RateLimitStore, TakeRequest, TakeResult } from "./store.js";

interface BucketState {
  limit: number;
  remaining: number;
  resetAt: number;
  pausedUntil: number;
  probeLease: string;
  probeUntil: number;
  /** Lease id → expiry, epoch ms. */
  readonly leases: Map<string, number>;
}

function snapshot(s: BucketState): BucketSnapshot {
  return { limit: s.limit, remaining: Math.max(0, s.remaining), resetAt: s.resetAt, pausedUntil: s.pausedUntil };
}

function purge(s: BucketState, now: number): void {
  for (const [id, expiry] of s.leases) if (expiry <= now) s.leases.delete(id);
  if (s.probeUntil <= now) s.probeUntil = 0;
}

/**
 * Budgets held in this process's memory: the default store of `rateLimit`, right
 * for one process (or a browser). Use `RedisRateLimitStore` to share budgets.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets = new Map<string, BucketState>();

  /** Grants up to `leaseIds.length` requests, or says how long to wait. */
  async take(r: TakeRequest): Promise<TakeResult> {
    return this.takeNow(r);
  }

  /** Records the answer to a granted request. */
  async observe(r: ObserveRequest): Promise<BucketSnapshot> {
    return this.observeNow(r);
  }

  /** `take`, synchronously (the store has no I/O). */
  takeNow(r: TakeRequest): TakeResult {
    const s = this.#state(r.bucketId, r.limit);
    const { now } = r;
    purge(s, now);
    const wait = (ms: number): TakeResult => ({ ...snapshot(s), granted: 0, waitMs: Math.max(1, Math.ceil(ms)) });
    if (s.pausedUntil > now) return wait(s.pausedUntil - now);
    const leases = r.leaseIds;
    if (s.resetAt <= now) {
      if (s.probeUntil > now) return wait(Math.min(r.probePollMs, s.probeUntil - now));
      const id = leases[0];
      if (id === undefined) return wait(r.probePollMs);
      s.probeLease = id;
      s.probeUntil = now + r.leaseMs;
      s.leases.set(id, now + r.leaseMs);
      return { ...snapshot(s), granted: 1, waitMs: 0 };
    }
    if (s.remaining <= 0) return wait(s.resetAt - now);
    const granted = Math.min(leases.length, s.remaining);
    s.remaining -= granted;
    for (let i = 0; i < granted; i++) s.leases.set(leases[i] as string, now + r.leaseMs);
    return { ...snapshot(s), granted, waitMs: 0 };
  }

  /** `observe`, synchronously. */
  observeNow(r: ObserveRequest): BucketSnapshot {
    const s = this.#state(r.bucketId, r.limit);
    const { now, observation: o } = r;
    purge(s, now);
    const expiry = s.leases.get(r.leaseId);
    const held = s.leases.delete(r.leaseId);
    const wasProbe = r.leaseId === s.probeLease;
    if (wasProbe) {
      s.probeLease = "";
      s.probeUntil = 0;
    }
    const inFlight = s.leases.size;
    let grantedAfter = 0;
    for (const other of s.leases.values()) if (expiry === undefined || other > expiry) grantedAfter++;
    if (o.limit !== undefined && o.limit > 0) s.limit = o.limit;
    if (o.status === 429) {
      const waitMs = o.retryAfterMs ?? (o.resetAt === undefined ? r.windowMs : o.resetAt - now);
      s.pausedUntil = Math.max(s.pausedUntil, now + waitMs);
      // Retry-After wins over X-RateLimit-Reset (the docs: "on 429 wait Retry-After seconds
      // then retry"): the window is unknown after the pause, so one probe asks the server.
      s.resetAt = s.pausedUntil;
      s.remaining = 0;
    } else if (o.status !== undefined && o.remaining !== undefined && o.resetAt !== undefined) {
      if (o.resetAt > s.resetAt) {
        s.resetAt = o.resetAt;
        s.remaining = o.remaining - inFlight;
      } else if (o.resetAt === s.resetAt && o.remaining < s.remaining) {
        s.remaining = Math.min(s.remaining, o.remaining - grantedAfter);
      }
    } else if (wasProbe && o.status !== undefined) {
      // An answer without X-RateLimit-* headers: count a window of our own from here.
      s.resetAt = now + r.windowMs;
      s.remaining = s.limit - 1;
    } else if (o.unused && held && !wasProbe && s.resetAt > now) {
      s.remaining += 1;
    }
    return snapshot(s);
  }

  #state(id: string, limit: number): BucketState {
    let s = this.#buckets.get(id);
    if (!s) {
      s = { limit, remaining: 0, resetAt: 0, pausedUntil: 0, probeLease: "", probeUntil: 0, leases: new Map() };
      this.#buckets.set(id, s);
    }
    return s;
  }
}
