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
import { ChirpApiError } from "./errors/api-error.js";
import { ChirpConfigError, type ChirpError } from "./errors/chirp-error.js";
import { ChirpConnectionError } from "./errors/network-errors.js";
// With logBodies the app asked for personal data; keys stay out all the same.
import { redactKeys as scrubKeysOnly } from "./errors/redact.js";
import { scrub } from "./privacy.js";

/** How much the SDK logs: each level includes the ones after it; `"off"` logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/**
 * Where log lines go: anything with these four methods taking a message and an object of
 * fields — `console`, winston, or pino through a two-line adapter (see the README).
 */
export interface Logger {
  debug(message: string, fields: LogFields): void;
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
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

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, off: 50 };

/** The level a client logs at, from its option, else CHIRP_LOG, else "warn"; a `ChirpConfigError` for anything else. */
export function resolveLogLevel(option: unknown, fromEnv: string | undefined): LogLevel {
  const [value, where] = option !== undefined ? [option, "logLevel"] : [fromEnv?.trim().toLowerCase(), "CHIRP_LOG"];
  if (value === undefined) return "warn";
  if (typeof value === "string" && Object.hasOwn(RANK, value)) return value as LogLevel;
  throw new ChirpConfigError(
    `${where} must be one of "debug", "info", "warn", "error", "off"; got ${JSON.stringify(String(value)).slice(0, 40)}.`,
  );
}

// The default logger: the message alone, which says everything the fields do.
const consoleLogger: Logger = {
  debug: (m) => console.debug(m),
  info: (m) => console.info(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

function checkLogger(logger: unknown): Logger {
  const l = logger as Partial<Logger> | null;
  if (!l || (["debug", "info", "warn", "error"] as const).some((k) => typeof l[k] !== "function")) {
    throw new ChirpConfigError("logger must have debug, info, warn and error methods (console, pino, winston…).");
  }
  return l as Logger;
}

/** A failure as a log line names it: the class, and for an API error its status and code. */
function failureName(error: ChirpError): string {
  if (error instanceof ChirpApiError) return `${error.status} ${error.name}${error.code ? ` (${error.code})` : ""}`;
  if (error instanceof ChirpConnectionError) return `${error.name} (${error.sent})`;
  return error.name;
}

function why(a: AttemptContext): string {
  const d = a.decision;
  if (!d || !a.error) return "";
  if (d.retry) return `; retrying in ${d.delayMs} ms`;
  switch (d.reason) {
    case "exhausted":
      return "; not retried: no retries left (maxRetries)";
    case "unsafe":
      return `; not retried: a ${a.call.method} that may have reached Chirp is never sent twice (Chirp has no idempotency key; see retryNonIdempotent)`;
    case "wait-too-long":
      return "; not retried: the server asked to wait longer than maxRetryAfter";
    default:
      return "; not retried: final";
  }
}

/** Families of failure that are Chirp's or the network's, not the app's request: logged at error. */
const SERVER_SIDE = /* @__PURE__ */ new Set(["api", "connection", "timeout", "response"]);

/**
 * The logging middleware of a client, or undefined when nothing would ever be logged.
 * Its hooks exist only for the levels that need them, so a client at the default level
 * pays for one `settled` call per attempt and nothing else.
 */
export function loggingMiddleware(options: LoggingOptions, fromEnv: string | undefined): Middleware | undefined {
  const level = RANK[resolveLogLevel(options.logLevel, fromEnv)];
  if (level >= RANK.off) return undefined;
  const logger = options.logger === undefined ? consoleLogger : checkLogger(options.logger);
  const bodies = options.logBodies === true;
  // The success body, read from a clone at debug with logBodies (the SDK reads the original).
  const answers = bodies && level <= RANK.debug ? new WeakMap<AttemptContext, string>() : undefined;

  const emit = (rank: number, message: string, fields: LogFields) => {
    try {
      if (rank >= RANK.error) logger.error(message, fields);
      else if (rank >= RANK.warn) logger.warn(message, fields);
      else if (rank >= RANK.info) logger.info(message, fields);
      else logger.debug(message, fields);
    } catch {
      // A logger that throws must not fail a call.
    }
  };

  const callLine = (call: CallContext, error: ChirpError | undefined, last: AttemptContext | undefined, ms: number) => {
    const rank = error && SERVER_SIDE.has(error.family) ? RANK.error : RANK.info;
    if (rank < level) return;
    const path = scrub(call.path);
    const rid = last?.requestId;
    const outcome = error ? `failed: ${failureName(error)}` : `${last?.status ?? "ok"}`;
    const n = call.attempts;
    emit(
      rank,
      `chirp ${call.id}: ${call.operationId ?? "-"} ${call.method} ${path} → ${outcome} in ${ms} ms, ${n} attempt${n === 1 ? "" : "s"}${rid ? `, request id ${rid}` : ""}`,
      {
        callId: call.id,
        operationId: call.operationId,
        method: call.method,
        path,
        status: error instanceof ChirpApiError ? error.status : last?.status,
        error: error?.name,
        errorCode: error instanceof ChirpApiError ? error.code : undefined,
        attempts: n,
        durationMs: ms,
        requestId: rid,
      },
    );
  };

  const lastAttempt = new WeakMap<CallContext, AttemptContext>();

  const settled = (a: AttemptContext) => {
    if (level <= RANK.info) lastAttempt.set(a.call, a);
    const wait = a.limiterWaitMs;
    const noteworthy = a.status === 429 || a.decision?.retry === true || (wait !== undefined && wait > 1000);
    const rank = noteworthy ? RANK.warn : RANK.debug;
    if (rank >= level) {
      const { call, error } = a;
      const path = scrub(call.path);
      const outcome = error && a.status === undefined ? failureName(error) : error ? failureName(error) : a.status;
      const waited = wait !== undefined && wait > 0 ? ` after ${wait} ms in the rate limiter` : "";
      const rid = a.requestId ?? (error instanceof ChirpApiError ? error.requestId : undefined);
      const fields: Record<string, string | number | boolean | undefined> = {
        callId: call.id,
        operationId: call.operationId,
        method: call.method,
        path,
        attempt: a.attempt,
        status: a.status,
        error: error?.name,
        errorCode: error instanceof ChirpApiError ? error.code : undefined,
        sent: error instanceof ChirpConnectionError ? error.sent : undefined,
        durationMs: a.durationMs,
        limiterWaitMs: wait,
        retry: a.decision?.retry,
        retryInMs: a.decision?.retry ? a.decision.delayMs : undefined,
        notRetriedBecause: a.decision && !a.decision.retry ? a.decision.reason : undefined,
        requestId: rid,
      };
      if (bodies) {
        fields.requestBody = a.body === undefined ? undefined : scrubKeysOnly(a.body);
        fields.responseBody = error instanceof ChirpApiError ? error.rawBody : answers ? answers.get(a) : undefined;
      }
      emit(
        rank,
        `chirp ${call.id}: ${call.operationId ?? "-"} ${call.method} ${path} attempt ${a.attempt}${waited} → ${outcome} in ${a.durationMs ?? 0} ms${rid ? ` (request id ${rid})` : ""}${why(a)}`,
        fields,
      );
    }
    // Without a call hook (warn and error levels) the call's failure line is written here.
    if (level > RANK.info && a.error && !a.decision?.retry) {
      const ms = a.startedAt - a.call.startedAt + (a.durationMs ?? 0);
      callLine(a.call, a.error, a, ms);
    }
  };

  return {
    name: "chirp-sdk logger",
    settled,
    ...(level <= RANK.info
      ? {
          call: async (call: CallContext, next: () => Promise<unknown>) => {
            const start = Date.now();
            try {
              const value = await next();
              callLine(call, undefined, lastAttempt.get(call), Date.now() - start);
              return value;
            } catch (error) {
              callLine(call, error as ChirpError, lastAttempt.get(call), Date.now() - start);
              throw error;
            }
          },
        }
      : {}),
    ...(answers
      ? {
          attempt: async (a: AttemptContext, next: () => Promise<Response>) => {
            const response = await next();
            try {
              answers.set(a, scrubKeysOnly(await response.clone().text()));
            } catch {
              // An unreadable clone leaves the line without the body; the SDK's own read reports it.
            }
            return response;
          },
        }
      : {}),
  };
}
