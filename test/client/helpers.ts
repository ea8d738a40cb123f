// Test doubles for a real `Chirp` client: a fetch that plays a script of answers
// (one per attempt) and records every request it receives, and a sleep that
// records the delays it is asked for without waiting. Each test builds its own.
import type { FetchLike } from "../../src/index.js";

/** Keys of each kind. Long and distinctive, so a leak is easy to spot. */
export const APP_KEY = "sk_test_app_T3stAppKeyShouldNeverLeak0123456789";
export const LIVE_APP_KEY = "sk_live_app_L1veAppKeyShouldNeverLeak0123456789";
export const ADMIN_KEY = "sk_admin_Adm1nKeyShouldNeverLeak0123456789abcdef";
export const BASE_URL = "https://api.chirp.test";

/** One request as the fetch received it. */
export interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
}

/** What an attempt does: answer, throw, or run a handler. */
export type Step = Response | Error | ((req: LoggedRequest) => Response | Promise<Response>);

/** A fetch that plays `steps` in order, one per attempt, and fails loudly on an extra attempt. */
export function scriptedFetch(...steps: Step[]): { fetch: FetchLike; log: LoggedRequest[] } {
  const log: LoggedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    const req: LoggedRequest = {
      method: init.method ?? "GET",
      url,
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    log.push(req);
    const step = steps[log.length - 1];
    if (step === undefined) throw new Error(`unexpected attempt #${log.length}: ${req.method} ${url}`);
    if (step instanceof Response) return step.clone();
    if (step instanceof Error) throw step;
    return step(req);
  };
  return { fetch, log };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A non-JSON response. */
export function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers });
}

/** Chirp's error envelope. */
export function apiError(status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) {
  return json(status, { error }, headers);
}

/** A sleep that resolves at once and records each delay asked for. */
export function recordingSleep(): { sleep: (ms: number, signal?: AbortSignal) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms) => {
      delays.push(ms);
    },
  };
}

/** A connection failure shaped like undici's: `TypeError("fetch failed")` with a coded cause. */
export function connectionError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 203.0.113.1:443`), { code });
  return new TypeError("fetch failed", { cause });
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
