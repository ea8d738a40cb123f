// One suite, every WebhookDedupeStore: memoryDedupeStore and RedisWebhookDedupeStore
// must keep the same claim/complete/release contract (dedupe-store.ts).
import { describe, expect, it } from "vitest";
import type { WebhookDedupeStore } from "../../src/index.js";

/** Registers the contract tests for stores made by `make` (a fresh, empty store each time). */
export function dedupeStoreContract(name: string, make: () => WebhookDedupeStore): void {
  describe(`${name}: the WebhookDedupeStore contract`, () => {
    it("claims, reports in-progress, completes and releases", async () => {
      const store = make();
      expect(await store.claim("k", 60_000)).toBe("claimed");
      expect(await store.claim("k", 60_000)).toBe("in_progress");
      await store.release("k");
      expect(await store.claim("k", 60_000)).toBe("claimed");
      await store.complete("k", 60_000);
      expect(await store.claim("k", 60_000)).toBe("done");
      expect(await store.claim("k", 60_000)).toBe("done");
    });

    it("keeps keys apart", async () => {
      const store = make();
      expect(await store.claim("a", 60_000)).toBe("claimed");
      await store.complete("a", 60_000);
      expect(await store.claim("b", 60_000)).toBe("claimed");
      expect(await store.claim("a", 60_000)).toBe("done");
    });

    it("grants exactly one of many concurrent claims of one key", async () => {
      const store = make();
      const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim("race", 60_000)));
      expect(claims.filter((c) => c === "claimed")).toHaveLength(1);
      expect(claims.filter((c) => c === "in_progress")).toHaveLength(49);
    });

    it("completes a key nobody claimed (a handler whose claim had lapsed)", async () => {
      const store = make();
      await store.complete("late", 60_000);
      expect(await store.claim("late", 60_000)).toBe("done");
    });
  });
}
