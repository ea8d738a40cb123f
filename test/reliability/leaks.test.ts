// Long runs: thousands of concurrent calls that end every way a call can end leave no
// timer and no listener behind, and 100,000 calls keep the heap flat.
import { execFile } from "node:child_process";
import { getEventListeners } from "node:events";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type CallOptions, ChirpAbortError, ChirpTimeoutError, type FetchLike } from "../../src/index.js";
import { APP_KEY, faultClient, rateLimitedClient, SMS } from "./clients.js";
import { turns } from "./limits-helpers.js";

const BASE = "https://api.chirp.test";

/** By the call's `x-fault` header: answer 200 or 503 after a turn, or never answer (until aborted or timed out). */
const fetch: FetchLike = (_url, init) =>
  new Promise((resolve, reject) => {
    const fault = (init.headers as Record<string, string>)["x-fault"];
    const signal = init.signal;
    if (fault === "stall") return signal?.addEventListener("abort", () => reject(signal?.reason), { once: true });
    const status = fault === "503" ? 503 : 200;
    setImmediate(() => resolve(Response.json(status === 200 ? { data: [] } : { error: "busy" }, { status })));
  });

/** Call `i` of the mix: answered, 503s (retried once), stalled until their timeout, stalled until aborted. */
function mix(i: number, signal: AbortSignal): CallOptions {
  if (i % 5 === 0) return { headers: { "x-fault": "stall" }, signal, timeout: 600_000 };
  if (i % 5 === 1) return { headers: { "x-fault": "stall" }, timeout: 30 };
  if (i % 5 === 2) return { headers: { "x-fault": "503" } };
  return {};
}

const count = (list: string[], kind: string) => list.filter((r) => r === kind).length;

function resources(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((r) => r === "Timeout" || r === "Immediate")
    .sort();
}

describe("no leaks after thousands of concurrent calls", () => {
  it.each([false, true])(
    "answered, timed out and aborted calls leave no timer or listener (rate limiting %s)",
    async (limited) => {
      await turns(2);
      const baseline = resources();
      const options = { appKey: APP_KEY, baseUrl: BASE, fetch, maxRetries: 1, sleep: async () => {} };
      const chirp = limited
        ? rateLimitedClient(options, { budgets: { app: { webhooks: 100_000 } }, maxConcurrent: 10_000 })
        : faultClient(BASE, fetch, options).chirp;
      const signals = Array.from({ length: 50 }, () => new AbortController());
      const calls = Array.from({ length: 3000 }, (_, i) =>
        chirp.listWebhooks(mix(i, (signals[i % signals.length] as AbortController).signal)),
      );
      // Settled from the start: a call timing out during the turns below is handled, not "unhandled".
      const settled = Promise.allSettled(calls);
      // The stalled calls with a signal end only when it aborts: all of them, whatever state each is in.
      await turns(3);
      for (const c of signals) c.abort();
      const outcomes = await settled;
      const reasons = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
      expect(outcomes.some((o) => o.status === "fulfilled")).toBe(true);
      expect(reasons.some((r) => r instanceof ChirpTimeoutError)).toBe(true);
      expect(reasons.some((r) => r instanceof ChirpAbortError)).toBe(true);
      await turns(5);
      // Nothing added (a timer of the test runner's own may have ended meanwhile).
      expect(count(resources(), "Timeout")).toBeLessThanOrEqual(count(baseline, "Timeout"));
      expect(count(resources(), "Immediate")).toBeLessThanOrEqual(count(baseline, "Immediate"));
      for (const c of signals) expect(getEventListeners(c.signal, "abort")).toHaveLength(0);
    },
  );

  it("a rate-limited batch that is aborted half-way leaves nothing behind", async () => {
    await turns(2);
    const baseline = resources();
    let sent = 0;
    const slow: FetchLike = () => {
      sent++;
      return new Promise((resolve) => setImmediate(() => resolve(Response.json({ id: "m" }))));
    };
    const chirp = rateLimitedClient({ appKey: APP_KEY, baseUrl: BASE, fetch: slow }, { budgets: { app: { sms: 20 } } });
    const controller = new AbortController();
    const batch = chirp.sendSmsBatch(
      Array.from({ length: 200 }, () => SMS),
      { concurrency: 16, signal: controller.signal },
    );
    while (sent < 20) await turns(1);
    controller.abort();
    const results = await batch;
    expect(results.filter((r) => r.status === "rejected").length).toBeGreaterThan(100);
    await turns(5);
    expect(count(resources(), "Timeout")).toBeLessThanOrEqual(count(baseline, "Timeout"));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("heap over a long run", () => {
  it("100,000 calls keep the heap flat", async () => {
    const script = fileURLToPath(new URL("./fixtures/heap-run.ts", import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--expose-gc", "--import", "tsx", script, "100000"],
      {
        timeout: 240_000,
      },
    );
    const { warm, end } = JSON.parse(stdout) as { warm: number; end: number };
    // A retained object per call would be ≥ 100 bytes × 100,000 = 10 MB; allow noise well under that.
    expect(end - warm).toBeLessThan(4 * 1024 * 1024);
  }, 300_000);
});
