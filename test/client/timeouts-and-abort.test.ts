// Per-attempt timeouts and the caller's AbortSignal. The fetch never answers until
// its signal aborts; the timeout timer is driven with fake timers, so nothing
// waits for real time.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Chirp, ChirpAbortError, ChirpConnectionError, ChirpError, ChirpTimeoutError } from "../../src/index.js";
import { APP_KEY, json, type LoggedRequest, recordingSleep, rejection, scriptedFetch } from "./helpers.js";

/** An attempt that hangs until its signal aborts, then rejects the way fetch does. */
const hang = (req: LoggedRequest): Promise<Response> =>
  new Promise((_, reject) => {
    const signal = req.signal;
    if (!signal) throw new Error("the SDK must give fetch a signal");
    signal.addEventListener("abort", () => reject(new DOMException("This operation was aborted", "AbortError")));
  });

const SMS = { body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } };

/** Settles `promise` into a readable state without awaiting it. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; error?: unknown; value?: T } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe("timeouts", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("default timeout is 30 000 ms per attempt", async () => {
    const { fetch, log } = scriptedFetch(hang);
    const chirp = new Chirp({ appKey: APP_KEY, fetch, maxRetries: 0 });
    const state = track(chirp.listWebhooks());
    await vi.advanceTimersByTimeAsync(29_999);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.error).toBeInstanceOf(ChirpTimeoutError);
    expect(state.error).toBeInstanceOf(ChirpError);
    expect(state.error).not.toBeInstanceOf(ChirpAbortError);
    expect((state.error as ChirpTimeoutError).timeout).toBe(30_000);
    expect(log).toHaveLength(1);
    expect(log[0]?.signal?.aborted).toBe(true);
  });

  it("the client's timeout and a per-call timeout", async () => {
    const { fetch } = scriptedFetch(hang, hang);
    const chirp = new Chirp({ appKey: APP_KEY, fetch, maxRetries: 0, timeout: 2000 });
    const byClient = track(chirp.listWebhooks());
    const byCall = track(chirp.listWebhooks({ timeout: 500 }));
    await vi.advanceTimersByTimeAsync(500);
    expect(byCall.error).toBeInstanceOf(ChirpTimeoutError);
    expect(byClient.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    expect(byClient.error).toBeInstanceOf(ChirpTimeoutError);
    expect((byClient.error as ChirpTimeoutError).timeout).toBe(2000);
  });

  it("a timeout is per attempt: a GET gets a fresh timer on each retry, then throws", async () => {
    const { fetch, log } = scriptedFetch(hang, hang);
    const { sleep, delays } = recordingSleep();
    const chirp = new Chirp({ appKey: APP_KEY, fetch, sleep, random: () => 0.5, maxRetries: 1, timeout: 1000 });
    const state = track(chirp.listWebhooks());
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toHaveLength(2);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.error).toBeInstanceOf(ChirpTimeoutError);
    expect(delays).toEqual([375]);
  });

  it("a GET that times out and then answers resolves", async () => {
    const { fetch, log } = scriptedFetch(hang, json(200, { webhooks: [] }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch, sleep: recordingSleep().sleep, timeout: 1000 });
    const state = track(chirp.listWebhooks());
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.value).toEqual({ webhooks: [] });
    expect(log).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0); // no timeout timer left behind
  });

  it.each([
    ["sendSms (POST)", (c: Chirp): Promise<unknown> => c.sendSms(SMS)],
    [
      "updateWhatsAppBusinessProfile (PATCH)",
      (c: Chirp): Promise<unknown> =>
        c.updateWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" }, body: { about: "x" } }),
    ],
  ])("%s is never re-sent after a timeout", async (_, call) => {
    const { fetch, log } = scriptedFetch(hang, json(200, {}));
    const { sleep, delays } = recordingSleep();
    const chirp = new Chirp({ appKey: APP_KEY, fetch, sleep, timeout: 1000 });
    const state = track(call(chirp));
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.error).toBeInstanceOf(ChirpTimeoutError);
    expect(log).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("a POST is re-sent after a timeout only with retryNonIdempotent", async () => {
    const { fetch, log } = scriptedFetch(hang, json(200, { id: "msg_sms_1" }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch, sleep: recordingSleep().sleep, timeout: 1000 });
    const state = track(chirp.sendSms({ ...SMS, retryNonIdempotent: true }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.value).toEqual({ id: "msg_sms_1" });
    expect(log).toHaveLength(2);
  });

  it("the timeout also covers reading the body (a stalled body is a ChirpTimeoutError)", async () => {
    // As with a real fetch, aborting the request's signal errors its body stream.
    const stalled = (req: LoggedRequest) =>
      new Response(
        new ReadableStream({
          start(controller) {
            req.signal?.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const { fetch } = scriptedFetch(stalled);
    const chirp = new Chirp({ appKey: APP_KEY, fetch, maxRetries: 0, timeout: 1000 });
    const state = track(chirp.listWebhooks());
    await vi.advanceTimersByTimeAsync(999);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.error).toBeInstanceOf(ChirpTimeoutError);
  });
});

describe("the default sleep (no sleep injected; fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits the backoff delay before the retry", async () => {
    const { fetch, log } = scriptedFetch(new Response("", { status: 503 }), json(200, { webhooks: [] }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch, random: () => 0.5 });
    const state = track(chirp.listWebhooks());
    await vi.advanceTimersByTimeAsync(374);
    expect(log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.value).toEqual({ webhooks: [] });
  });

  it("an abort during the wait ends it at once with ChirpAbortError", async () => {
    const { fetch, log } = scriptedFetch(new Response("", { status: 429, headers: { "Retry-After": "30" } }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const controller = new AbortController();
    const state = track(chirp.sendSms({ ...SMS, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.settled).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.error).toBeInstanceOf(ChirpAbortError);
    expect(log).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("the caller's signal", () => {
  it("aborting mid-request → ChirpAbortError with the reason as cause, no retry, not a timeout", async () => {
    const { fetch, log } = scriptedFetch(hang, json(200, {}));
    const { sleep, delays } = recordingSleep();
    const chirp = new Chirp({ appKey: APP_KEY, fetch, sleep });
    const controller = new AbortController();
    const call = chirp.listWebhooks({ signal: controller.signal });
    await vi.waitFor(() => expect(log).toHaveLength(1));
    const reason = new Error("user navigated away");
    controller.abort(reason);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(ChirpAbortError);
    expect(error).toBeInstanceOf(ChirpError);
    expect(error).not.toBeInstanceOf(ChirpTimeoutError);
    expect(error).not.toBeInstanceOf(ChirpConnectionError);
    expect((error as ChirpAbortError).cause).toBe(reason);
    expect(log).toHaveLength(1);
    expect(log[0]?.signal?.aborted).toBe(true);
    expect(delays).toEqual([]);
  });

  it("an already-aborted signal → ChirpAbortError, nothing sent", async () => {
    const { fetch, log } = scriptedFetch(json(200, {}));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const error = await rejection(chirp.sendSms({ ...SMS, signal: AbortSignal.abort("stop") }));
    expect(error).toBeInstanceOf(ChirpAbortError);
    expect(log).toHaveLength(0);
  });

  it("aborting during the wait between retries → ChirpAbortError, no further attempt", async () => {
    const { fetch, log } = scriptedFetch(new Response("", { status: 503 }), json(200, {}));
    const controller = new AbortController();
    const waits: Array<AbortSignal | undefined> = [];
    const sleep = (_ms: number, signal?: AbortSignal) => {
      waits.push(signal);
      controller.abort(new Error("cancelled while waiting"));
      return Promise.reject(signal?.reason);
    };
    const chirp = new Chirp({ appKey: APP_KEY, fetch, sleep });
    const error = await rejection(chirp.listWebhooks({ signal: controller.signal }));
    expect(error).toBeInstanceOf(ChirpAbortError);
    expect(waits).toEqual([controller.signal]);
    expect(log).toHaveLength(1);
  });

  it("the caller's signal is not the one handed to fetch (a timeout must not abort the caller's)", async () => {
    const { fetch, log } = scriptedFetch(json(200, { webhooks: [] }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const controller = new AbortController();
    await chirp.listWebhooks({ signal: controller.signal });
    expect(log[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(log[0]?.signal).not.toBe(controller.signal);
    expect(controller.signal.aborted).toBe(false);
  });

  it("an abort with a timeout pending is still an abort", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { fetch } = scriptedFetch(hang);
      const chirp = new Chirp({ appKey: APP_KEY, fetch, timeout: 1000 });
      const controller = new AbortController();
      const state = track(chirp.listWebhooks({ signal: controller.signal }));
      await vi.advanceTimersByTimeAsync(999);
      controller.abort();
      await vi.advanceTimersByTimeAsync(1);
      expect(state.error).toBeInstanceOf(ChirpAbortError);
    } finally {
      vi.useRealTimers();
    }
  });
});
