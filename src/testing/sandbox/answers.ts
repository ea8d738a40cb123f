// Answers the sandbox gives: Chirp's ApiError envelope for a status and code, and the
// answers a test forces with `sandbox.answer(...)` (a documented status, a named
// example, a dropped connection, a virtual delay), queued per operation.
import { ChirpConfigError } from "../../errors/chirp-error.js";
import type { MockExample, MockOperationId, MockStatus } from "../mock-answer.js";
import { sandboxCatalogue } from "./catalogue.js";
import type { CatalogueOperation } from "./catalogue-types.js";

/**
 * The `Retry-After` (seconds) the sandbox sends with a forced 429 unless the answer
 * names one. Zero, so that an app with the client's default retries finishes in
 * milliseconds; the real API sends the time left in its window (the spec's example: 30).
 */
export const DEFAULT_RETRY_AFTER_SECONDS = 0;

/** A documented answer to force: a status the operation documents, and optionally which of its examples. */
export interface ForcedStatus<Op extends MockOperationId, S extends MockStatus<Op>> {
  /** A status the operation documents (only those compile). */
  readonly status: S;
  /** One of the named examples the spec gives that status. @default the status's first documented error code */
  readonly example?: MockExample<Op, S> | undefined;
  /** For a 429: the `Retry-After` seconds to send. @default 0 (see DEFAULT_RETRY_AFTER_SECONDS) */
  readonly retryAfter?: number | undefined;
  /** Hold the answer back this long on the sandbox's virtual clock (it comes when the test advances/settles). */
  readonly delayMs?: number | undefined;
}

/** A fault to force: the connection drops after the request arrived and was processed, or the answer comes late. */
export interface ForcedFault {
  /** Process the request (a send is sent), then drop the connection without an answer. */
  readonly drop?: true | undefined;
  /** Hold the answer back this long on the virtual clock. */
  readonly delayMs?: number | undefined;
}

/** What `sandbox.answer(op, choice)` accepts. */
export type AnswerChoice<Op extends MockOperationId, S extends MockStatus<Op>> = ForcedStatus<Op, S> | ForcedFault;

/** How many calls a forced answer applies to: `{ times: n }` (default 1) or `"always"`. */
export type AnswerTimes = { readonly times?: number | undefined } | "always";

/** A forced answer, checked and waiting for its calls. */
export interface ForcedAnswer {
  readonly status?: number;
  readonly example?: string;
  readonly retryAfter?: number;
  readonly delayMs?: number;
  readonly drop?: boolean;
  remaining: number;
}

/** The catalogue entry of `operationId`, or a ChirpConfigError naming it. */
export function operationEntry(operationId: string): CatalogueOperation {
  const ops = sandboxCatalogue.operations;
  if (!Object.hasOwn(ops, operationId))
    throw new ChirpConfigError(`sandbox: the spec has no operation "${operationId}"`);
  return ops[operationId]!;
}

/** Checks a choice against the catalogue (for callers the types could not stop) and returns it queued. */
export function checkForced(operationId: string, choice: object, times: AnswerTimes | undefined): ForcedAnswer {
  const op = operationEntry(operationId);
  const c = choice as { status?: number; example?: string; retryAfter?: number; delayMs?: number; drop?: boolean };
  const remaining = times === "always" ? Number.POSITIVE_INFINITY : (times?.times ?? 1);
  if (!(remaining >= 1) || (remaining !== Number.POSITIVE_INFINITY && !Number.isInteger(remaining))) {
    throw new ChirpConfigError(
      `sandbox.answer: times must be a whole number ≥ 1 or "always", got ${String(remaining)}`,
    );
  }
  if (c.delayMs !== undefined && !(Number.isFinite(c.delayMs) && c.delayMs >= 0)) {
    throw new ChirpConfigError(`sandbox.answer: delayMs must be a number ≥ 0, got ${String(c.delayMs)}`);
  }
  if (c.retryAfter !== undefined && !(Number.isInteger(c.retryAfter) && c.retryAfter >= 0)) {
    throw new ChirpConfigError(`sandbox.answer: retryAfter must be whole seconds ≥ 0, got ${String(c.retryAfter)}`);
  }
  if (c.status !== undefined) {
    const response = Object.hasOwn(op.responses, String(c.status)) ? op.responses[String(c.status)] : undefined;
    if (!response) {
      throw new ChirpConfigError(
        `sandbox.answer: ${operationId} documents no ${c.status} answer (it documents ${Object.keys(op.responses).join(", ")})`,
      );
    }
    if (c.example !== undefined && !Object.hasOwn(response.examples, c.example)) {
      const names = Object.keys(response.examples);
      throw new ChirpConfigError(
        `sandbox.answer: ${operationId} ${c.status} has no example "${c.example}" (${names.length ? `its named examples: ${names.join(", ")}` : "it has no named example"})`,
      );
    }
  } else if (!c.drop && c.delayMs === undefined) {
    throw new ChirpConfigError("sandbox.answer: give a status, { drop: true } or a delayMs");
  }
  return {
    ...(c.status !== undefined && { status: c.status }),
    ...(c.example !== undefined && { example: c.example }),
    ...(c.retryAfter !== undefined && { retryAfter: c.retryAfter }),
    ...(c.delayMs !== undefined && { delayMs: c.delayMs }),
    ...(c.drop && { drop: true }),
    remaining,
  };
}

/** Overrides of an error envelope's fields. */
export interface ErrorFields {
  readonly message?: string;
  readonly param?: string;
  readonly provider?: unknown;
}

/**
 * Chirp's ApiError envelope for `status` of `operationId`: with `code` (or the first code
 * the spec documents for that answer; null for none), its documented type and `doc_url`.
 */
export function apiErrorBody(
  operationId: string,
  status: number,
  code?: string | null,
  fields: ErrorFields = {},
): unknown {
  const op = operationEntry(operationId);
  const response = op.responses[String(status)];
  const documented = response?.codes ?? [];
  // null: no code (a validation error Chirp gives none for); undefined: the answer's first documented code.
  const chosen =
    code === null
      ? undefined
      : (code ?? (status === 401 || status === 404 || status >= 500 ? undefined : documented[0]?.code));
  const type = documented.find((c) => c.code === chosen)?.type ?? response?.type ?? fallbackType(status);
  const base = sandboxCatalogue.docUrlBase;
  const error: Record<string, unknown> = {
    type,
    ...(chosen && { code: chosen }),
    message: fields.message ?? defaultMessage(status, chosen, response?.description),
    ...(chosen && base && { doc_url: `${base}#${chosen}` }),
    ...(fields.param !== undefined && { param: fields.param }),
    ...(fields.provider !== undefined && { provider: fields.provider }),
  };
  return { error };
}

function fallbackType(status: number): string {
  if (status === 401 || status === 403) return "authentication_error";
  if (status === 402) return "provider_error";
  if (status >= 500 || status === 424) return "api_error";
  return "invalid_request_error";
}

function defaultMessage(status: number, code: string | undefined, description: string | undefined): string {
  if (code === "rate_limit_exceeded") return "Rate limit exceeded. Try again later.";
  if (description) return `${description.replace(/\.$/, "")}${code ? ` (${code})` : ""}.`;
  return `Request failed with status ${status}.`;
}

/** The example named `name` of `status` of `operationId` (a copy: the test may change what it gets). */
export function namedExample(operationId: string, status: number, name: string): unknown {
  const ex = operationEntry(operationId).responses[String(status)]?.examples[name];
  return ex === undefined ? undefined : structuredClone(ex);
}

/**
 * The body of a forced error answer: the named example when one is asked for (or the
 * only sensible default: an example carrying the answer's first code), else the envelope.
 */
export function forcedErrorBody(operationId: string, status: number, example: string | undefined): unknown {
  if (example !== undefined) return namedExample(operationId, status, example);
  const response = operationEntry(operationId).responses[String(status)];
  const first = response?.codes[0]?.code;
  // A 429 is built rather than copied: the spec's example names "30 seconds", which
  // would contradict the Retry-After the sandbox sends.
  if (first && status !== 429) {
    for (const [name, ex] of Object.entries(response.examples)) {
      if ((ex as { error?: { code?: unknown } })?.error?.code === first) return namedExample(operationId, status, name);
    }
  }
  return apiErrorBody(operationId, status);
}
