// Many different messages, each sent at most once: a pool of `concurrency` workers
// feeds the client's rate limiter, and every message ends in exactly one settled
// result at its own index. No retry is added here — the transport already retries
// what cannot have been delivered (429, refused connection) and never a POST that
// may have been (API-BEHAVIOUR §6: Chirp has no idempotency key).
import { onAbort } from "../abort-listener.js";
import { ChirpError } from "../errors/chirp-error.js";
import { wholeNumber } from "../options.js";

/** Where a batch stands, for progress bars. */
export interface BatchProgress {
  /** Messages settled so far (fulfilled + rejected). */
  readonly done: number;
  readonly total: number;
  readonly fulfilled: number;
  readonly rejected: number;
}

/** Options of `chirp.sendSmsBatch`. */
export interface BatchOptions {
  /**
   * Messages started and not yet settled, at most. With `rateLimit` on, the limiter
   * paces them further; without it, this is the only brake.
   * @default 16
   */
  readonly concurrency?: number | undefined;
  /** Called after each message settles. @default none */
  readonly onProgress?: ((progress: BatchProgress) => void) | undefined;
  /**
   * Stops the batch: messages not yet sent reject with `ChirpAbortError`; one already
   * on the wire is aborted too, and its outcome is unknown. @default none
   */
  readonly signal?: AbortSignal | undefined;
}

/** The outcome of one message: its result, or the typed error it failed with. */
export type BatchResult<T> =
  | { readonly status: "fulfilled"; readonly value: T }
  | { readonly status: "rejected"; readonly reason: ChirpError };

/** Runs `send` once per item, `concurrency` at a time; resolves in input order and never rejects. */
export async function runBatch<M, T>(
  items: readonly M[],
  send: (item: M, signal: AbortSignal | undefined) => Promise<T>,
  options: BatchOptions = {},
): Promise<BatchResult<T>[]> {
  const concurrency = wholeNumber("concurrency", options.concurrency ?? 16, 1);
  const total = items.length;
  const results = new Array<BatchResult<T>>(total);
  let next = 0;
  let fulfilled = 0;
  let rejected = 0;
  const caller = options.signal;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < total; i = next++) {
      // A signal per message, so that what sees it (middleware, a custom sleep) never adds a
      // listener to the caller's own; abort-listener.ts relays the caller's with one listener
      // however many messages are in flight (N would draw Node's MaxListenersExceededWarning).
      let own: AbortController | undefined;
      let stopRelay: (() => void) | undefined;
      if (caller) {
        const c = new AbortController();
        // Aborted already: at once (onAbort would call back only on the next microtask, after the send began).
        if (caller.aborted) c.abort(caller.reason);
        else stopRelay = onAbort(caller, () => c.abort(caller.reason));
        own = c;
      }
      try {
        results[i] = { status: "fulfilled", value: await send(items[i] as M, own?.signal) };
        fulfilled++;
      } catch (error) {
        const reason = error instanceof ChirpError ? error : new ChirpError("Unexpected failure.", { cause: error });
        results[i] = { status: "rejected", reason };
        rejected++;
      }
      stopRelay?.();
      try {
        options.onProgress?.({ done: fulfilled + rejected, total, fulfilled, rejected });
      } catch {
        // A failing progress callback must not lose the results of the batch.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return results;
}
