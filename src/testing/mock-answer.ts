// Asking the mock for one documented answer by name. Prism plays any status and
// named example the spec documents when the request says `Prefer: code=…, example=…`;
// this builds that header with types read from the spec (src/generated/mock-answers.ts),
// so a test cannot ask for a status the operation never answers or an example that
// does not exist — a typo there would otherwise silently get Prism's first example.
import { ChirpConfigError } from "../errors/chirp-error.js";
import { mockAnswers } from "../generated/mock-answers.js";

type Answers = typeof mockAnswers;

/** An operation the mock can answer for: every operationId of the spec. */
export type MockOperationId = keyof Answers;

/** A status `Op` documents (200, 402, 429, …). */
export type MockStatus<Op extends MockOperationId> = keyof Answers[Op] & number;

/** The names of the named examples the spec gives status `S` of `Op` (never, when it gives none). */
export type MockExample<
  Op extends MockOperationId,
  S extends MockStatus<Op>,
> = Answers[Op][S] extends readonly (infer N)[] ? N : never;

/** Which documented answer to play: a status and, optionally, one of its named examples. */
export interface MockAnswerChoice<Op extends MockOperationId, S extends MockStatus<Op>> {
  /** A status the operation documents. */
  readonly status: S;
  /** A named example of that status. @default the mock's first example for the status */
  readonly example?: MockExample<Op, S> | undefined;
}

/**
 * Headers for a call's `headers` option; `prefer` is the header Prism reads. A type
 * alias rather than an interface so it is assignable to the option's `Record<string, string>`.
 */
export type MockAnswerHeaders = { readonly prefer: string };

/**
 * The `Prefer` header that makes `startMockServer()` answer `operationId` with a
 * documented status and named example. Throws `ChirpConfigError` for an operation,
 * status or example the spec does not document (for callers without the types).
 * @example
 * await expect(
 *   chirp.sendSms({ body, headers: mockAnswer("sendSms", { status: 402, example: "message_undeliverable" }) }),
 * ).rejects.toBeInstanceOf(MessageUndeliverableError);
 */
export function mockAnswer<Op extends MockOperationId, S extends MockStatus<Op>>(
  operationId: Op,
  choice: MockAnswerChoice<Op, S>,
): MockAnswerHeaders {
  // Own keys only: the names come from the caller, and "constructor", "toString" or
  // "__proto__" would otherwise find Object.prototype's members instead of nothing.
  const table = mockAnswers as Record<string, Record<string, readonly string[]>>;
  const statuses = Object.hasOwn(table, operationId) ? table[operationId] : undefined;
  if (!statuses) throw new ChirpConfigError(`mockAnswer: the spec has no operation "${String(operationId)}"`);
  const names = Object.hasOwn(statuses, choice.status) ? statuses[choice.status] : undefined;
  if (!names) {
    throw new ChirpConfigError(
      `mockAnswer: ${operationId} documents no ${String(choice.status)} answer (it documents ${Object.keys(statuses).join(", ")})`,
    );
  }
  // Widened on purpose: the check below is for callers the types could not stop.
  const example = choice.example as string | undefined;
  if (example === undefined) return { prefer: `code=${choice.status}` };
  if (!names.includes(example)) {
    const known = names.length ? `its named examples: ${names.join(", ")}` : "it has no named example";
    throw new ChirpConfigError(`mockAnswer: ${operationId} ${choice.status} has no example "${example}" (${known})`);
  }
  return { prefer: `code=${choice.status}, example=${example}` };
}
