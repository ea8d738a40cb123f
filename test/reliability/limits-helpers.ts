// Helpers for the bounded-waiting tests: event-loop turns instead of sleeps, a count
// of live timers, and a store that counts how often the limiter asks it.
import type { RateLimitStore } from "../../src/index.js";

/** Lets `n` macrotask turns pass (each a setImmediate): no timer, no wall-clock wait. */
export async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** How many timers keep the event loop alive right now. */
export function timersAlive(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
}

/** `store`, counting its `take` calls. */
export function countingStore(store: RateLimitStore): RateLimitStore & { takes(): number } {
  let takes = 0;
  return {
    take: (r) => {
      takes++;
      return store.take(r);
    },
    observe: (r) => store.observe(r),
    takes: () => takes,
  };
}
