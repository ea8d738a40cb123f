// One AbortSignal shared by many concurrent calls (a request-scoped or shutdown signal)
// gets ONE abort listener from the SDK, not one per call: in flight, queued in the rate
// limiter, or waiting to retry. One per call printed Node's "MaxListenersExceededWarning:
// Possible EventTarget memory leak detected. 11 abort listeners added to [AbortSignal]"
// (20 lines in a run of test/reliability/leaks.test.ts, from src/transport.ts and
// src/rate-limit/limiter.ts) — in the caller's process, about the caller's signal.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { onAbort } from "../../src/abort-listener.js";
import { sleep } from "../../src/call/7-retry.js";
import { ChirpAbortError, type FetchLike } from "../../src/index.js";
import { APP_KEY, faultClient, rateLimitedClient } from "./clients.js";
import { turns } from "./limits-helpers.js";

const BASE = "https://api.chirp.test";
const CALLS = 40; // well past Node's default of 10 listeners per signal

/** Answers only when the attempt's own signal aborts. */
const stall: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => {
    init.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
  });

let warnings: Error[];
const onWarning = (w: Error) => warnings.push(w);
beforeEach(() => {
  warnings = [];
  process.on("warning", onWarning);
});
afterEach(() => {
  process.off("warning", onWarning);
});
const leakWarnings = () => warnings.filter((w) => w.name === "MaxListenersExceededWarning");
const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

describe("a signal shared by many concurrent calls", () => {
  it.each([
    ["in flight", () => faultClient(BASE, stall, { maxRetries: 0 }).chirp],
    // A budget of 1 per window: one call in flight, the other 39 queued in the limiter.
    [
      "queued in the rate limiter",
      () =>
        rateLimitedClient(
          { appKey: APP_KEY, baseUrl: BASE, fetch: stall, maxRetries: 0 },
          { budgets: { app: { webhooks: 1 } } },
        ),
    ],
  ])("%s: one listener on it, no MaxListeners warning, every call aborted", async (_name, client) => {
    const chirp = client();
    const controller = new AbortController();
    const calls = Array.from({ length: CALLS }, () => chirp.listWebhooks({ signal: controller.signal }));
    const settled = Promise.allSettled(calls);
    await turns(5);
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    const outcomes = await settled;
    expect(outcomes.every((o) => o.status === "rejected" && o.reason instanceof ChirpAbortError)).toBe(true);
    await turns(2); // warnings are emitted on a later tick
    expect(listeners(controller.signal)).toBe(0);
    expect(leakWarnings()).toEqual([]);
  });

  it("retry waits (the default sleep): one listener, and none once they end", async () => {
    const controller = new AbortController();
    const waits = Array.from({ length: CALLS }, () => sleep(60_000, controller.signal));
    const settled = Promise.allSettled(waits);
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    expect((await settled).every((o) => o.status === "rejected")).toBe(true);
    expect(listeners(controller.signal)).toBe(0);
    await turns(2);
    expect(leakWarnings()).toEqual([]);
  });
});

describe("onAbort", () => {
  it("calls every registration once, in order, and removes its listener with the last one", () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const stops = [1, 2, 3].map((n) => onAbort(controller.signal, () => seen.push(n)));
    expect(listeners(controller.signal)).toBe(1);
    stops[1]?.();
    controller.abort();
    expect(seen).toEqual([1, 3]);
    expect(listeners(controller.signal)).toBe(0);

    const other = new AbortController();
    const stop = [onAbort(other.signal, () => seen.push(9)), onAbort(other.signal, () => seen.push(9))];
    for (const s of stop) s();
    expect(listeners(other.signal)).toBe(0);
    other.abort();
    expect(seen).toEqual([1, 3]);
    // Registering again after the last one left starts a fresh listener.
    const again = new AbortController();
    onAbort(again.signal, () => seen.push(4))();
    onAbort(again.signal, () => seen.push(5));
    again.abort();
    expect(seen).toEqual([1, 3, 5]);
  });

  it("an already aborted signal calls back on the next microtask, unless unregistered first", async () => {
    const seen: string[] = [];
    const aborted = AbortSignal.abort();
    onAbort(aborted, () => seen.push("called"));
    onAbort(aborted, () => seen.push("dropped"))();
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual(["called"]);
    expect(listeners(aborted)).toBe(0);
  });
});
