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

/**
 * The structured fields of a log line, in its order; its message states the same facts as
 * `chirp key=value …` (logfmt). The keys are listed in the README's "Observability".
 */
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
/**
 * The levels as numbers (their index in LEVELS), compared on every attempt. An enum, not
 * four consts: the bundler writes each as its digit, where consts stay variables.
 */
enum Rank {
  DEBUG = 0,
  INFO = 1,
  WARN = 2,
  ERROR = 3,
}

/** The level a client logs at (an index into LEVELS), from its option, else CHIRP_LOG, else "warn". */
export function resolveLogLevel(option: unknown, fromEnv: string | undefined): number {
  const value = option ?? fromEnv?.trim().toLowerCase();
  const level = value === undefined ? Rank.WARN : LEVELS.indexOf(value as LogLevel);
  if (level < 0) {
    throw new ChirpConfigError(
      `${option === undefined ? "CHIRP_LOG" : "logLevel"} must be one of ${LEVELS.join(", ")}; got ${String(value).slice(0, 20)}.`,
    );
  }
  return level;
}

/** Families of failure that are Chirp's or the network's, not the app's request: a call line at error. */
const SERVER_SIDE = /^(?:api|connection|timeout|response)$/;

/** A logfmt value written as it is: printable ASCII (0x21–0x7e) but `"` and `=`. */
const UNQUOTED = /^[!#-<>-~]*$/;

/**
 * What a line reads of its outcome, duck-typed: a failure (any ChirpError), or for a
 * successful call its last attempt (its status and request id).
 */
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
  if (level > Rank.ERROR) return undefined;
  const custom = options.logger;
  const logger = (custom ?? console) as unknown as Record<LogLevel, (m: string, f?: LogFields) => void>;
  if (LEVELS.some((l, i) => i < 4 && typeof logger[l] !== "function")) {
    throw new ChirpConfigError("logger must have debug, info, warn and error methods.");
  }
  const bodies = options.logBodies === true;
  const answers = new WeakMap<AttemptContext, string>();
  const last = new WeakMap<CallContext, Outcome>();

  // One line: the call, the outcome, and for an attempt (`a`, the last argument: a call's
  // line has none) its number, wait and retry decision. One ordered object holds its
  // facts: a custom logger gets it as the fields, and the message is the same facts as
  // `key=value` pairs (logfmt), so the two cannot disagree. Every string of it is built
  // after the level check, none before. Its level: an attempt's is warn for a 429, a
  // retry or a limiter wait over 1 s, else debug; a call's is error when it failed on
  // Chirp's side or the network's, else info.
  const line = (call: CallContext, e: Outcome | undefined, ms: number, a?: AttemptContext) => {
    // Without a limiter limiterWaitMs is undefined, and undefined > 1000 is false.
    const rank = a
      ? a.status === 429 || a.decision?.retry || a.limiterWaitMs! > 1000
        ? Rank.WARN
        : Rank.DEBUG
      : e && SERVER_SIDE.test(e.family as string)
        ? Rank.ERROR
        : Rank.INFO;
    if (rank < level) return;
    // A decision carries only its own field: the wait of a retry, the reason of a final one.
    const d: { delayMs?: number; reason?: string } | undefined = a?.decision;
    // The server's text: a request id that quotes a phone number is masked like a path.
    const id = a?.requestId ?? e?.requestId;
    const fields: LogFields = {
      callId: call.id,
      operationId: call.operationId,
      method: call.method,
      path: scrub(call.path),
      attempt: a?.attempt,
      attempts: a ? undefined : call.attempts,
      limiterWaitMs: a?.limiterWaitMs,
      status: e?.status ?? a?.status,
      error: e?.name,
      errorCode: e?.code,
      sent: e?.sent,
      durationMs: ms,
      requestId: id && scrub(id),
      retryInMs: d?.delayMs,
      // The reason's code; the README's "Observability" explains each in words.
      notRetried: d?.reason,
      // Text bodies only: a multipart or binary body is files, logged as its kind.
      requestBody:
        bodies && a ? (typeof a.body === "string" ? redactKeys(a.body) : a.body && "[binary body]") : undefined,
      responseBody: bodies && a ? (e?.rawBody ?? answers.get(a)) : undefined,
    };
    let text = "chirp";
    for (const [key, value] of Object.entries(fields)) {
      // Any other value (a body: spaces, quotes, line breaks) is quoted and escaped as
      // JSON, so a line stays one line and its pairs unambiguous.
      if (value !== undefined) text += ` ${key}=${UNQUOTED.test(String(value)) ? value : JSON.stringify(value)}`;
    }
    const log = LEVELS[rank] as LogLevel;
    try {
      if (custom) logger[log](text, fields);
      else logger[log](text);
    } catch {
      // A logger that throws must not fail a call.
    }
  };

  return {
    name: "chirp-sdk logger",
    settled: (a) => {
      const e = a.error as Outcome | undefined;
      line(a.call, e, a.durationMs ?? 0, a);
      // At info and debug the call hook writes the call's line (with this attempt's
      // status and request id when it succeeds); at warn and error the failed call's is written here.
      if (level <= Rank.INFO) last.set(a.call, a);
      else if (e && !a.decision?.retry) line(a.call, e, a.startedAt - a.call.startedAt + (a.durationMs ?? 0));
    },
    call:
      level <= Rank.INFO
        ? (call, next) => {
            const start = Date.now();
            return next().then(
              (result) => {
                line(call, last.get(call), Date.now() - start);
                return result;
              },
              (error: unknown) => {
                line(call, error as Outcome, Date.now() - start);
                throw error;
              },
            );
          }
        : undefined,
    // The success body, read from a clone (the SDK reads the original): only at debug with logBodies.
    attempt:
      bodies && level === Rank.DEBUG
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
