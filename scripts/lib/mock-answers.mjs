// The table behind chirp-sdk/testing's `mockAnswer`: for every operation, each
// documented status and the names of its named examples, read from the spec. A mock
// (Prism) plays exactly these with `Prefer: code=<status>, example=<name>`, so the
// helper's types must come from here, never from a hand-written list.
import { propertyKey } from "./naming.mjs";
import { deref, eachOperation } from "./spec.mjs";

/** operationId → { status → example names }, numeric statuses only, in document order. */
export function mockAnswers(spec) {
  // Null prototype: an operationId is a key like any other (describeOperations refuses `__proto__` as a name).
  const out = Object.create(null);
  for (const { op } of eachOperation(spec)) {
    const statuses = {};
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (!/^\d{3}$/.test(status)) continue;
      const content = deref(spec, response)?.content ?? {};
      statuses[status] = [...new Set(Object.values(content).flatMap((media) => Object.keys(media?.examples ?? {})))];
    }
    out[op.operationId] = statuses;
  }
  return out;
}

/** src/generated/mock-answers.ts; `header` is generate.mjs's "do not edit" banner. */
export function mockAnswersFile(spec, header) {
  const table = mockAnswers(spec);
  const rows = Object.entries(table)
    .map(([id, statuses]) => {
      const cells = Object.entries(statuses).map(([status, names]) => `${status}: ${JSON.stringify(names)}`);
      // Keyed by the spec's operationId, quoted when it is no identifier (`"send-sms-v2"`).
      return `  ${propertyKey(id)}: { ${cells.join(", ")} },`;
    })
    .join("\n");
  const named = Object.values(table).reduce(
    (n, statuses) => n + Object.values(statuses).filter((names) => names.length).length,
    0,
  );
  return `${header("Every documented status of every operation, with the names of its named examples (for mockAnswer).")}/**
 * operationId → documented status → the names of that answer's named examples
 * (${named} answers with named examples today). A mock picks one with \`Prefer: code=<status>, example=<name>\`.
 */
export const mockAnswers = {
${rows}
} as const satisfies Record<string, Record<number, readonly string[]>>;
`;
}
