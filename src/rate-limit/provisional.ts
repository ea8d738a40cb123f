// What stats() shows between an answer and the store's record of it. A shared store
// (Redis) records the answer one round trip later, after the call has resolved, so a
// caller reading stats() right after `await chirp.sendSms()` would see the snapshot of
// the take that granted it (nothing known yet: remaining 0, resetAt 0). This applies
// the answer's own figures to this process's view at once, by the rules of store.ts;
// the store's snapshot replaces it when it arrives, so it decides in the end.
import type { BucketSnapshot, Observation } from "./store.js";

/** `snap` after the answer `o`, as far as this process can tell; `inFlight`: this process's other grants. */
export function provisionalSnapshot(
  snap: BucketSnapshot,
  o: Observation,
  inFlight: number,
  now: number,
  windowMs: number,
): BucketSnapshot {
  if (o.status === undefined) return snap;
  const limit = o.limit !== undefined && o.limit > 0 ? o.limit : snap.limit;
  if (o.status === 429) {
    const waitMs = o.retryAfterMs ?? (o.resetAt === undefined ? windowMs : o.resetAt - now);
    const pausedUntil = Math.max(snap.pausedUntil, now + waitMs);
    // Retry-After wins over X-RateLimit-Reset: after the pause, one probe (store.ts).
    return { limit, remaining: 0, resetAt: pausedUntil, pausedUntil };
  }
  if (o.remaining === undefined || o.resetAt === undefined) return { ...snap, limit };
  if (o.resetAt > snap.resetAt)
    return { ...snap, limit, resetAt: o.resetAt, remaining: Math.max(0, o.remaining - inFlight) };
  if (o.resetAt === snap.resetAt)
    return { ...snap, limit, remaining: Math.max(0, Math.min(snap.remaining, o.remaining)) };
  return { ...snap, limit };
}
