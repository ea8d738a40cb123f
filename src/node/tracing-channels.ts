// diagnostics_channel tracing for APM tools (chirp-sdk/node): the call path's middleware
// step (src/call/3-middleware.ts) publishes each call on the TracingChannel
// "chirp-sdk:call" and each attempt on "chirp-sdk:attempt" — start, end, asyncStart,
// asyncEnd, error — so that a tracer can subscribe by name instead of patching the SDK.
// Opt-in, as a middleware: publishing from the core would put a Node built-in into
// browser bundles. With no subscriber it costs one property check per call.
import { tracingChannel } from "node:diagnostics_channel";
import type { AttemptContext, CallContext, Middleware } from "../call/3-middleware.js";

/** The TracingChannel of every call: its context is `{ call }` (a `CallContext`), plus `result` or `error`. */
export const CALL_CHANNEL = "chirp-sdk:call";
/** The TracingChannel of every attempt: its context is `{ attempt }` (an `AttemptContext`), plus `result` or `error`. */
export const ATTEMPT_CHANNEL = "chirp-sdk:attempt";

/** What subscribers of `CALL_CHANNEL` get. */
export interface CallChannelContext {
  readonly call: CallContext;
}
/** What subscribers of `ATTEMPT_CHANNEL` get. The attempt holds the body (personal data) but never the key. */
export interface AttemptChannelContext {
  readonly attempt: AttemptContext;
}

/**
 * A middleware that publishes every call and attempt on Node's `diagnostics_channel`
 * TracingChannels `chirp-sdk:call` and `chirp-sdk:attempt`, for APM tools that
 * subscribe by name. The attempt's `decision` (retry or not, and why) is set by the
 * time `asyncEnd` or `error` fires.
 * @example
 * ```ts
 * import { Chirp } from "chirp-sdk";
 * import { diagnosticsChannels } from "chirp-sdk/node";
 *
 * const chirp = new Chirp({ middleware: [diagnosticsChannels()] });
 * ```
 */
export function diagnosticsChannels(): Middleware {
  const calls = tracingChannel<unknown, CallChannelContext & object>(CALL_CHANNEL);
  const attempts = tracingChannel<unknown, AttemptChannelContext & object>(ATTEMPT_CHANNEL);
  return {
    name: "chirp-sdk diagnostics_channel",
    call: (call, next) => (calls.hasSubscribers === false ? next() : calls.tracePromise(next, { call })),
    attempt: (attempt, next) => (attempts.hasSubscribers === false ? next() : attempts.tracePromise(next, { attempt })),
  };
}
