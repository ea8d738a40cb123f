// One suite, every WebhookDedupeStore: memoryDedupeStore and RedisWebhookDedupeStore
// must keep the same claim/complete/release contract (dedupe-store.ts).
import { describe, expect, it } from "vitest";
import type { WebhookDedupeStore } from "../../src/index.js";

/** A fresh, empty store, and how to let one of its claims lapse. */
export interface StoreUnderTest {
  readonly store: WebhookDedupeStore;
  /** A lease short enough for `lapse` to outwait. */
  readonly shortLeaseMs: number;
  /** Resolves once a claim of `key` taken with `shortLeaseMs` has lapsed (a clock moved on, or a bounded poll). */
  lapse(key: string): Promise<void>;
}

/** Registers the contract tests for stores made by `make`. */
export function dedupeStoreContract(name: string, make: () => StoreUnderTest): void {
  describe(`${name}: the WebhookDedupeStore contract`, () => {
    it("leaves a newer claim alone when the run whose lease lapsed releases or completes", async () => {
      const { store, shortLeaseMs, lapse } = make();
      expect(await store.claim("slow", shortLeaseMs, "A")).toBe("claimed");
      await lapse("slow");
      expect(await store.claim("slow", 60_000, "B")).toBe("claimed");
      // A's handler finally fails: its release must not free B's running claim.
      await store.release("slow", "A");
      expect(await store.claim("slow", 60_000, "C")).toBe("in_progress");
      // Or A's handler finally succeeds: B is still running, so the key is not "done" yet.
      await store.complete("slow", 60_000, "A");
      expect(await store.claim("slow", 60_000, "C")).toBe("in_progress");
      // B's own calls still work.
      await store.release("slow", "B");
      expect(await store.claim("slow", 60_000, "C")).toBe("claimed");
      await store.complete("slow", 60_000, "C");
      expect(await store.claim("slow", 60_000, "D")).toBe("done");
    });

    it("lets no one but the owner release a claim, and no one but the owner overwrite it as done", async () => {
      const { store } = make();
      expect(await store.claim("k", 60_000, "A")).toBe("claimed");
      await store.release("k", "B");
      await store.complete("k", 60_000, "B");
      expect(await store.claim("k", 60_000, "B")).toBe("in_progress");
      await store.complete("k", 60_000, "A");
      await store.release("k", "A");
      expect(await store.claim("k", 60_000, "B")).toBe("done");
    });

    it("claims, reports in-progress, completes and releases", async () => {
      const { store } = make();
      expect(await store.claim("k", 60_000, "o")).toBe("claimed");
      expect(await store.claim("k", 60_000, "o")).toBe("in_progress");
      await store.release("k", "o");
      expect(await store.claim("k", 60_000, "o")).toBe("claimed");
      await store.complete("k", 60_000, "o");
      expect(await store.claim("k", 60_000, "o")).toBe("done");
      expect(await store.claim("k", 60_000, "o")).toBe("done");
    });

    it("keeps keys apart", async () => {
      const { store } = make();
      expect(await store.claim("a", 60_000, "o")).toBe("claimed");
      await store.complete("a", 60_000, "o");
      expect(await store.claim("b", 60_000, "o")).toBe("claimed");
      expect(await store.claim("a", 60_000, "o")).toBe("done");
    });

    it("grants exactly one of many concurrent claims of one key", async () => {
      const { store } = make();
      const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => store.claim("race", 60_000, `o${i}`)));
      expect(claims.filter((c) => c === "claimed")).toHaveLength(1);
      expect(claims.filter((c) => c === "in_progress")).toHaveLength(49);
    });

    it("completes a key nobody claimed (a handler whose claim had lapsed)", async () => {
      const { store } = make();
      await store.complete("late", 60_000, "o");
      expect(await store.claim("late", 60_000, "o")).toBe("done");
    });
  });
}
