// One suite, two stores: MemoryRateLimitStore and RedisRateLimitStore must run the
// same state machine (store.ts). Time is the `now` passed in: nothing sleeps.
import { describe, expect, it } from "vitest";
import type { Observation, RateLimitStore } from "../../src/index.js";
import { observationOf } from "../../src/rate-limit/observation.js";

const T0 = 1_800_000_000_000;
const WINDOW = 1_000;
const base = { limit: 10, windowMs: WINDOW, leaseMs: 5_000, probePollMs: 20 };
// "No answer came", as the limiter itself reports it.
const none: Observation = observationOf(undefined, 0);
const answer = (o: Partial<Observation>): Observation => ({ ...none, status: 200, ...o });

/** Registers the contract tests for stores made by `make` (a fresh, empty store each time). */
export function storeContract(name: string, make: () => RateLimitStore): void {
  let n = 0;
  const ids = (count: number) => Array.from({ length: count }, () => `lease-${++n}`);
  /** Bucket "b" after one lease ("p") taken at T0 and answered 429 (remaining 0) 10 ms later. */
  const answered429 = async (store: RateLimitStore, at: { resetAt: number; retryAfterMs: number }) => {
    await store.take({ ...base, bucketId: "b", now: T0, leaseIds: ["p"] });
    return store.observe({
      ...base,
      bucketId: "b",
      now: T0 + 10,
      leaseId: "p",
      observation: answer({ status: 429, remaining: 0, ...at }),
    });
  };

  describe(`${name}: the RateLimitStore contract`, () => {
    it("opens a window with a single probe, and makes everyone else wait for its answer", async () => {
      const store = make();
      const first = await store.take({ ...base, bucketId: "b", now: T0, leaseIds: ["p", "x", "y"] });
      expect(first.granted).toBe(1);
      const second = await store.take({ ...base, bucketId: "b", now: T0 + 1, leaseIds: ["z"] });
      expect(second).toMatchObject({ granted: 0, waitMs: 20 });
      const resetAt = T0 + 800;
      await store.observe({
        ...base,
        bucketId: "b",
        now: T0 + 5,
        leaseId: "p",
        observation: answer({ limit: 10, remaining: 9, resetAt }),
      });
      const third = await store.take({ ...base, bucketId: "b", now: T0 + 6, leaseIds: ids(20) });
      expect(third).toMatchObject({ granted: 9, remaining: 0, resetAt, limit: 10 });
      const fourth = await store.take({ ...base, bucketId: "b", now: T0 + 10, leaseIds: ids(1) });
      expect(fourth).toMatchObject({ granted: 0, waitMs: 790 });
    });

    it("lowers the estimate to Remaining minus the requests granted after it, never raises it in a window", async () => {
      const store = make();
      const resetAt = T0 + 900;
      const open = { ...base, bucketId: "b", now: T0, leaseId: "p", observation: answer({ remaining: 9, resetAt }) };
      await store.take({ ...base, bucketId: "b", now: T0, leaseIds: ["p"] });
      await store.observe(open);
      const [a, b, c] = ids(3) as [string, string, string];
      await store.take({ ...base, bucketId: "b", now: T0 + 1, leaseIds: [a] });
      await store.take({ ...base, bucketId: "b", now: T0 + 2, leaseIds: [b, c] });
      // Another client of the same key spent 4: the answer to `a` says 4 left; b and c came after it.
      const answerA = { ...open, now: T0 + 3, leaseId: a, observation: answer({ remaining: 4, resetAt }) };
      expect((await store.observe(answerA)).remaining).toBe(2);
      // A late answer from earlier in the same window cannot raise it again.
      const answerB = { ...open, now: T0 + 4, leaseId: b, observation: answer({ remaining: 8, resetAt }) };
      expect((await store.observe(answerB)).remaining).toBe(2);
    });

    it("does not count twice a request the server has seen whose answer is still on its way", async () => {
      const store = make();
      const resetAt = T0 + 900;
      const open = { ...base, bucketId: "b", now: T0, leaseId: "p", observation: answer({ remaining: 9, resetAt }) };
      await store.take({ ...base, bucketId: "b", now: T0, leaseIds: ["p"] });
      await store.observe(open);
      const [a, b] = ids(2) as [string, string];
      await store.take({ ...base, bucketId: "b", now: T0 + 1, leaseIds: [a] });
      await store.take({ ...base, bucketId: "b", now: T0 + 2, leaseIds: [b] });
      // The server took a then b; b's answer (7 left) arrives while a's is still on its way.
      const answerB = { ...open, now: T0 + 3, leaseId: b, observation: answer({ remaining: 7, resetAt }) };
      expect((await store.observe(answerB)).remaining).toBe(7);
    });

    it("adopts a newer window from the headers, and ignores an answer from an older one", async () => {
      const store = make();
      await store.take({ ...base, bucketId: "b", now: T0, leaseIds: ["p"] });
      await store.observe({
        ...base,
        bucketId: "b",
        now: T0,
        leaseId: "p",
        observation: answer({ remaining: 0, resetAt: T0 + 500 }),
      });
      const [late, fresh] = ids(2) as [string, string];
      await store.take({ ...base, bucketId: "b", now: T0 + 500, leaseIds: [fresh] });
      const opened = await store.observe({
        ...base,
        bucketId: "b",
        now: T0 + 510,
        leaseId: fresh,
        observation: answer({ limit: 50, remaining: 49, resetAt: T0 + 1500 }),
      });
      expect(opened).toMatchObject({ limit: 50, remaining: 49, resetAt: T0 + 1500 });
      const stale = await store.observe({
        ...base,
        bucketId: "b",
        now: T0 + 520,
        leaseId: late,
        observation: answer({ remaining: 0, resetAt: T0 + 500 }),
      });
      expect(stale).toMatchObject({ remaining: 49, resetAt: T0 + 1500 });
    });

    it("pauses the bucket until Retry-After after a 429", async () => {
      const store = make();
      const snap = await answered429(store, { resetAt: T0 + 700, retryAfterMs: 700 });
      expect(snap).toMatchObject({ remaining: 0, pausedUntil: T0 + 710 });
      expect(await store.take({ ...base, bucketId: "b", now: T0 + 100, leaseIds: ids(1) })).toMatchObject({
        granted: 0,
        waitMs: 610,
      });
      expect((await store.take({ ...base, bucketId: "b", now: T0 + 711, leaseIds: ids(3) })).granted).toBe(1);
    });

    it("after a 429, Retry-After wins over X-RateLimit-Reset: one probe goes at the end of the pause", async () => {
      // The documented advice is "on 429 wait Retry-After seconds then retry"; holding the
      // bucket until a reset 60 s away held every queued call for a minute.
      const store = make();
      const snap = await answered429(store, { resetAt: T0 + 60_000, retryAfterMs: 1_000 });
      expect(snap).toMatchObject({ remaining: 0, pausedUntil: T0 + 1_010 });
      expect(await store.take({ ...base, bucketId: "b", now: T0 + 500, leaseIds: ids(1) })).toMatchObject({
        granted: 0,
        waitMs: 510,
      });
      // The pause is over: one probe asks the server where the window stands, the rest wait for it.
      expect((await store.take({ ...base, bucketId: "b", now: T0 + 1_010, leaseIds: ids(3) })).granted).toBe(1);
      expect((await store.take({ ...base, bucketId: "b", now: T0 + 1_011, leaseIds: ids(3) })).granted).toBe(0);
    });

    it("frees a lost probe's lease when it expires: a dead worker leaks nothing", async () => {
      const store = make();
      await store.take({ ...base, bucketId: "b", now: T0, leaseIds: ["dead"] });
      expect((await store.take({ ...base, bucketId: "b", now: T0 + 4_999, leaseIds: ids(1) })).granted).toBe(0);
      expect((await store.take({ ...base, bucketId: "b", now: T0 + 5_000, leaseIds: ids(1) })).granted).toBe(1);
    });

    it("counts a window of its own when answers carry no rate-limit headers", async () => {
      const store = make();
      await store.take({ ...base, bucketId: "b", now: T0, leaseIds: ["p"] });
      await store.observe({ ...base, bucketId: "b", now: T0 + 5, leaseId: "p", observation: answer({}) });
      expect(await store.take({ ...base, bucketId: "b", now: T0 + 6, leaseIds: ids(20) })).toMatchObject({
        granted: 9,
        resetAt: T0 + 5 + WINDOW,
      });
    });

    it("gives back a grant that was never used, and keeps one that got no answer", async () => {
      const store = make();
      await store.take({ ...base, bucketId: "b", now: T0, leaseIds: ["p"] });
      await store.observe({ ...base, bucketId: "b", now: T0, leaseId: "p", observation: answer({}) });
      const [a, b] = ids(2) as [string, string];
      expect((await store.take({ ...base, bucketId: "b", now: T0 + 1, leaseIds: [a, b] })).remaining).toBe(7);
      const unused = { ...base, bucketId: "b", now: T0 + 2, leaseId: a, observation: { ...none, unused: true } };
      expect((await store.observe(unused)).remaining).toBe(8);
      expect((await store.observe({ ...unused, leaseId: b, observation: none })).remaining).toBe(8);
    });

    it("keeps buckets apart", async () => {
      const store = make();
      await store.take({ ...base, bucketId: "k1:sms", now: T0, leaseIds: ["p1"] });
      expect((await store.take({ ...base, bucketId: "k1:general", now: T0, leaseIds: ["p2"] })).granted).toBe(1);
      expect((await store.take({ ...base, bucketId: "k2:sms", now: T0, leaseIds: ["p3"] })).granted).toBe(1);
    });
  });
}
