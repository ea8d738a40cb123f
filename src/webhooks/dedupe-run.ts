// Runs a handler at most once per delivery key. A key is marked done only after
// the handler succeeded: a failure releases it (→ 500, Chirp retries and the
// handler runs again). While a handler runs, its key is "pending" and a
// redelivery (Chirp gave up waiting after 5 s) is refused with 409 rather than
// answered 200: a 200 would tell Chirp the event was handled before we know, and
// the event would be lost if the first run then failed. The pending claim lapses
// after `leaseMs`, so a process that died mid-handler does not block the event.
import { webhookDedupeKey } from "./dedupe-key.js";
import { memoryDedupeStore } from "./dedupe-store.js";
import type { ChirpWebhookEvent } from "./events.js";
import type { WebhookHandlerOptions } from "./handler.js";

/** How one delivery ended. */
export type DeliveryOutcome = "handled" | "duplicate" | "in_progress" | "failed";

type RunOptions = Pick<WebhookHandlerOptions, "store" | "dedupeTtlMs" | "leaseMs" | "dedupeKey" | "onError">;

/** Wraps handler calls with claim → run → complete/release against the store. */
export function dedupeDeliveries(
  options: RunOptions,
): (event: ChirpWebhookEvent, handle: () => unknown) => Promise<DeliveryOutcome> {
  const store = options.store ?? memoryDedupeStore();
  const ttl = options.dedupeTtlMs ?? 86_400_000;
  const lease = options.leaseMs ?? 60_000;
  const keyOf = options.dedupeKey ?? webhookDedupeKey;
  const report = options.onError ?? ((error: unknown) => console.error("chirp-sdk: webhook handler failed", error));

  return async (event, handle) => {
    let key: string | undefined;
    // This run's claim token: once its lease lapses another run may claim the key, and
    // then this run's complete/release must leave that claim alone.
    const owner = globalThis.crypto.randomUUID();
    try {
      key = keyOf(event);
      if (key !== undefined) {
        const claim = await store.claim(key, lease, owner);
        if (claim === "done") return "duplicate";
        if (claim === "in_progress") return "in_progress";
      }
    } catch (error) {
      report(error, event);
      return "failed";
    }
    try {
      await handle();
    } catch (error) {
      report(error, event);
      if (key !== undefined) await store.release(key, owner).catch((e: unknown) => report(e, event));
      return "failed";
    }
    // The handler ran: a store failure now must not make Chirp redeliver (it would run twice).
    if (key !== undefined) await store.complete(key, ttl, owner).catch((e: unknown) => report(e, event));
    return "handled";
  };
}
