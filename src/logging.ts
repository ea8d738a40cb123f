// Logging, built as a middleware (src/call/3-middleware.ts) like any app's own: `logLevel`
// (or CHIRP_LOG), `logger` and `logBodies` of `new Chirp()`. One line per attempt at debug,
// one per call at info, 429s / retries / long rate-limiter waits at warn, calls that
// failed on Chirp's side or the network's at error. Nothing at all on success at the
// default level ("warn"), and below the threshold no line is built: every log site is
// behind a comparison of two numbers.
//
// Never a key; by default no personal data (src/privacy.ts): paths have phone numbers
// masked, bodies (message text, template variables, media URLs, names) are left out, and
// so is the server's error message, which may quote them. `logBodies: true` adds bodies.
import type { AttemptContext, CallContext, Middleware } from "./call/3-middleware.js";
import { ChirpConfigError, type ChirpError } from "./errors/chirp-error.js";
// With logBodies the app asked for personal data; keys stay out all the same.
import { redactKeys } from "./errors/redact.js";
import { scrub } from "./privacy.js";

/** How much the SDK logs: each level includes the ones after it; `"off"` logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/**
 * Where log lines go: anything with these four methods taking a message and an object of
 * fields — `console`, winston, or pino through a two-line adapter (see the README).
 */
export interface Logger {
  /** One line per attempt (`logLevel: "debug"`). */
  debug(message: string, fields: LogFields): void;
  /** One line per call (`"info"`). */
  info(message: string, fields: LogFields): void;
  /** A 429, a retry, a rate-limiter wait over 1 s (`"warn"`, the default). */
  warn(message: string, fields: LogFields): void;
  /** A call that failed on Chirp's side or the network's (`"error"`). */
  error(message: string, fields: LogFields): void;
}

/** The structured fields of a log line (the same facts as its message). */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** The logging options of `new Chirp()`. */
export interface LoggingOptions {
  /**
   * How much to log. debug: one line per attempt (operation, method, path, status or
   * failure, duration, attempt, why it was or was not retried); info: one line per call;
   * warn: 429s, retries and rate-limiter waits over 1 s; error: calls that failed on
   * Chirp's side or the network's. No key ever; personal data only with `logBodies`.
   * @default process.env.CHIRP_LOG ?? "warn"
   */
  readonly logLevel?: LogLevel | undefined;
  /** Where lines go; gets `(message, fields)`. @default console (the message alone) */
  readonly logger?: Logger | undefined;
  /**
   * Also log request and answer bodies (at debug, on attempt lines). They hold personal
   * data — phone numbers, message text, template variables, media URLs, names — so this
   * is for development; keys are still redacted. @default false
   */
  readonly logBodies?: boolean | undefined;
}

const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];
const DEBUG = 0;
const INFO = 1;
const WARN = 2;
const ERROR = 3;

/** The level a client logs at (an index into LEVELS), from its option, else CHIRP_LOG, else "warn". */
export function resolveLogLevel(option: unknown, fromEnv: string | undefined): number {
  const value = option ?? fromEnv?.trim().toLowerCase();
  const level = value === undefined ? WARN : LEVELS.indexOf(value as LogLevel);
  if (level < 0) {
    throw new ChirpConfigError(
      `${option === undefined ? "CHIRP_LOG" : "logLevel"} must be one of ${LEVELS.join(", ")}; got ${String(value).slice(0, 20)}.`,
    );
  }
  return level;
}

/** Families of failure that are Chirp's or the network's, not the app's request: a call line at error. */
const SERVER_SIDE = /^(?:api|connection|timeout|response)$/;

const WHY: Readonly<Record<string, string>> = {
  exhausted: "no retries left",
  unsafe: "a send that may have reached Chirp is never repeated (no idempotency key)",
  "wait-too-long": "the wait asked for is over maxRetryAfter",
  "not-retryable": "final",
};

type Fields = Record<string, string | number | boolean | undefined>;

/** What a line reads of a failure (duck-typed: any ChirpError, or a success's status and request id). */
type Outcome = Partial<Pick<ChirpError, "name" | "family">> & {
  status?: number | undefined;
  code?: string;
  sent?: string;
  requestId?: string | undefined;
  rawBody?: string;
};

/**
 * The logging middleware of a client, or undefined at "off". Its hooks exist only for
 * the levels that need them: at the default level it is one `settled` call per attempt
 * that compares two numbers on success.
 */
export function loggingMiddleware(options: LoggingOptions, fromEnv: string | undefined): Middleware | undefined {
  const level = resolveLogLevel(options.logLevel, fromEnv);
  if (level > ERROR) return undefined;
  const logger = (options.logger ?? console) as unknown as Record<LogLevel, (m: string, f?: Fields) => void>;
  if (LEVELS.slice(0, 4).some((l) => typeof logger[l] !== "function")) {
    throw new ChirpConfigError("logger must have debug, info, warn and error methods.");
  }
  const plain = options.logger === undefined;
  const bodies = options.logBodies === true;
  const answers = new WeakMap<AttemptContext, string>();
  const last = new WeakMap<CallContext, AttemptContext>();

  // One line: the call, the outcome, and for an attempt its number, wait and retry decision.
  const line = (rank: number, call: CallContext, a: AttemptContext | undefined, e: Outcome | undefined, ms: number) => {
    if (rank < level) return;
    const d = a?.decision;
    // The server's text: a request id that quotes a phone number is masked like a path.
    const requestId = a?.requestId ?? e?.requestId;
    const f: Fields = {
      callId: call.id,
      operationId: call.operationId,
      method: call.method,
      path: scrub(call.path),
      attempt: a?.attempt,
      attempts: a ? undefined : call.attempts,
      status: e?.status ?? a?.status,
      error: e?.name,
      errorCode: e?.code,
      sent: e?.sent,
      durationMs: ms,
      limiterWaitMs: a?.limiterWaitMs,
      retryInMs: d?.retry ? d.delayMs : undefined,
      notRetried: d?.retry === false ? d.reason : undefined,
      requestId: requestId && scrub(requestId),
    };
    if (bodies && a) {
      // Text bodies only: a multipart or binary body is files, logged as its kind.
      f.requestBody = typeof a.body === "string" ? redactKeys(a.body) : a.body && "[binary body]";
      f.responseBody = e?.rawBody ?? answers.get(a);
    }
    const n = call.attempts;
    const text =
      `chirp ${call.id} ${call.operationId ?? "-"} ${call.method} ${f.path}` +
      (a ? ` attempt ${a.attempt}${a.limiterWaitMs ? ` after ${a.limiterWaitMs} ms in the rate limiter` : ""}` : "") +
      ` → ${[f.status, f.error, f.errorCode, f.sent].filter(Boolean).join(" ") || "ok"} in ${ms} ms` +
      (a ? "" : ` after ${n} attempt${n === 1 ? "" : "s"}`) +
      (f.requestId ? ` [${f.requestId}]` : "") +
      (d ? (d.retry ? `; retrying in ${d.delayMs} ms` : `; not retried: ${WHY[d.reason]}`) : "") +
      (f.requestBody ? `; request ${f.requestBody}` : "") +
      (f.responseBody ? `; answer ${f.responseBody}` : "");
    try {
      if (plain) logger[LEVELS[rank] as LogLevel](text);
      else logger[LEVELS[rank] as LogLevel](text, f);
    } catch {
      // A logger that throws must not fail a call.
    }
  };

  const callRank = (e?: Outcome) => (e && SERVER_SIDE.test(e.family as string) ? ERROR : INFO);

  return {
    name: "chirp-sdk logger",
    settled: (a) => {
      const e = a.error as Outcome | undefined;
      const noteworthy = a.status === 429 || a.decision?.retry || (a.limiterWaitMs ?? 0) > 1000;
      line(noteworthy ? WARN : DEBUG, a.call, a, e, a.durationMs ?? 0);
      if (level <= INFO) last.set(a.call, a);
      // Without a call hook (warn and error), the failed call's line is written here.
      else if (e && !a.decision?.retry) {
        line(callRank(e), a.call, undefined, e, a.startedAt - a.call.startedAt + (a.durationMs ?? 0));
      }
    },
    call:
      level <= INFO
        ? (call, next) => {
            const start = Date.now();
            const done = (e?: Outcome) => {
              const a = last.get(call);
              line(
                callRank(e),
                call,
                undefined,
                e ?? (a && { status: a.status, requestId: a.requestId }),
                Date.now() - start,
              );
            };
            return next().then(
              (result) => {
                done();
                return result;
              },
              (error: unknown) => {
                done(error as Outcome);
                throw error;
              },
            );
          }
        : undefined,
    // The success body, read from a clone (the SDK reads the original): only at debug with logBodies.
    attempt:
      bodies && level === DEBUG
        ? async (a, next) => {
            const response = await next();
            answers.set(
              a,
              redactKeys(
                await response
                  .clone()
                  .text()
                  .catch(() => ""),
              ),
            );
            return response;
          }
        : undefined,
  };
}
