// sendSmsBatch: one settled result per message, in input order, each message sent
// at most once — an ambiguous failure of a send is reported, never repeated.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiServerError,
  type BatchProgress,
  Chirp,
  ChirpAbortError,
  ChirpConfigError,
  ChirpConnectionError,
  InvalidRequestError,
  rateLimiter,
} from "../../src/index.js";
import { fakeChirp, sms } from "./fake-chirp.js";

const T0 = Date.parse("2030-01-01T00:00:00Z");
const options = { appKey: "sk_test_app_batch_tests_0001", baseUrl: "http://127.0.0.1:9" };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

async function run<T>(promise: Promise<T>, maxMs = 20_000): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  for (let t = 0; !done && t < maxMs; t += 10) await vi.advanceTimersByTimeAsync(10);
  return tracked;
}

describe("chirp.sendSmsBatch", () => {
  it("resolves in input order to one result per message, with the typed error, and never re-sends", async () => {
    const server = fakeChirp({
      limit: 5,
      windowMs: 1000,
      latencyMs: 3,
      script: (text) => {
        if (text === "m2") return Response.json({ error: { type: "api_error", message: "boom" } }, { status: 503 });
        if (text === "m4") return Response.json({ error: { type: "invalid_request_error" } }, { status: 400 });
        if (text === "m6") return "reset";
        return undefined;
      },
    });
    const chirp = new Chirp({
      ...options,
      fetch: server.fetch,
      rateLimit: rateLimiter({ budgets: { app: { sms: 5 } } }),
    });
    const progress: BatchProgress[] = [];
    const texts = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const results = await run(
      chirp.sendSmsBatch(texts.map(sms), { concurrency: 4, onProgress: (p) => progress.push(p) }),
    );
    expect(results.map((r) => r.status)).toEqual(
      texts.map((t) => (["m2", "m4", "m6"].includes(t) ? "rejected" : "fulfilled")),
    );
    expect(results[0]).toEqual({ status: "fulfilled", value: { id: "msg_sms_m0", status: "QUEUED" } });
    const reason = (i: number) => (results[i] as { reason: unknown }).reason;
    expect(reason(2)).toBeInstanceOf(ApiServerError);
    expect(reason(4)).toBeInstanceOf(InvalidRequestError);
    expect(reason(6)).toBeInstanceOf(ChirpConnectionError);
    // Every message reached the server exactly once — the 503 and the reset were not retried.
    for (const text of texts) expect(server.arrivals.filter((a) => a.text === text)).toHaveLength(1);
    expect(server.arrivals.filter((a) => a.status === 429)).toEqual([]);
    expect(progress).toHaveLength(12);
    expect(progress.at(-1)).toEqual({ done: 12, total: 12, fulfilled: 9, rejected: 3 });
    expect(progress.map((p) => p.done)).toEqual(texts.map((_, i) => i + 1));
  });

  it("refuses a concurrency that is not a whole number ≥ 1 with ChirpConfigError, sending nothing", async () => {
    const server = fakeChirp({ limit: 100, windowMs: 1000 });
    const chirp = new Chirp({ ...options, fetch: server.fetch });
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      const refused = chirp.sendSmsBatch([sms("m0")], { concurrency });
      await expect(refused).rejects.toBeInstanceOf(ChirpConfigError);
      await expect(refused).rejects.toMatchObject({
        family: "config",
        message: expect.stringMatching(/^concurrency must/),
      });
    }
    expect(server.maxInFlight()).toBe(0);
  });

  it("keeps at most `concurrency` messages in flight", async () => {
    const server = fakeChirp({ limit: 100, windowMs: 1000, latencyMs: 20 });
    const chirp = new Chirp({ ...options, fetch: server.fetch, rateLimit: rateLimiter() });
    await run(
      chirp.sendSmsBatch(
        Array.from({ length: 10 }, (_, i) => sms(`m${i}`)),
        { concurrency: 2 },
      ),
    );
    expect(server.maxInFlight()).toBe(2);
  });

  it("stops on the signal: messages not yet sent reject with ChirpAbortError and never reach the server", async () => {
    const server = fakeChirp({ limit: 2, windowMs: 1000 });
    const chirp = new Chirp({
      ...options,
      fetch: server.fetch,
      rateLimit: rateLimiter({ budgets: { app: { sms: 2 } } }),
    });
    const controller = new AbortController();
    const batch = chirp.sendSmsBatch(
      Array.from({ length: 5 }, (_, i) => sms(`m${i}`)),
      { signal: controller.signal },
    );
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const results = await run(batch);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected", "rejected"]);
    expect((results[4] as { reason: unknown }).reason).toBeInstanceOf(ChirpAbortError);
    expect(server.arrivals.map((a) => a.text)).toEqual(["m0", "m1"]);
  });

  it("listens to the caller's signal once however many messages are in flight, and not at all once done", async () => {
    const server = fakeChirp({ limit: 100, windowMs: 1000, latencyMs: 20 });
    const chirp = new Chirp({ ...options, fetch: server.fetch });
    const controller = new AbortController();
    const batch = chirp.sendSmsBatch(
      Array.from({ length: 30 }, (_, i) => sms(`m${i}`)),
      { concurrency: 30, signal: controller.signal },
    );
    await vi.advanceTimersByTimeAsync(5);
    expect(server.maxInFlight()).toBe(30);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    const results = await run(batch);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("sends nothing for a signal that was aborted before the batch", async () => {
    const server = fakeChirp({ limit: 100, windowMs: 1000 });
    const chirp = new Chirp({ ...options, fetch: server.fetch });
    const results = await run(
      chirp.sendSmsBatch([sms("m0"), sms("m1")], { signal: AbortSignal.abort(new Error("shutting down")) }),
    );
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect((results[0] as { reason: unknown }).reason).toBeInstanceOf(ChirpAbortError);
    expect(server.arrivals).toEqual([]);
  });

  it("resolves an empty batch to no results", async () => {
    const chirp = new Chirp({
      ...options,
      fetch: fakeChirp({ limit: 1, windowMs: 1000 }).fetch,
      rateLimit: rateLimiter(),
    });
    await expect(chirp.sendSmsBatch([])).resolves.toEqual([]);
  });
});
