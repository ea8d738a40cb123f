// The naming rule: how the generator turns what the spec spells (operationIds, error
// codes) into TypeScript names — method names, `<Name>Params` / `<Name>Result` types,
// error classes — and which names it refuses. One place, so that generate.mjs, the
// methods, the error classes and src/errors/code-error.ts (which names classes at run
// time by the same rule) cannot drift apart. CONTRIBUTING.md "The naming rule" says it
// in words; test/pipeline/naming.test.ts holds it to that.
//
// The spec's own spelling is never lost: the operation table, `request("<id>")`,
// `withResponse`, `paginate`, `mockAnswer` and `ParamsByOperation` are keyed by the
// operationId exactly as the spec writes it; only the method and type names are derived.

/** A refusal: a construct the generator will not turn into code, said so that a maintainer can act. */
export class GenerationRefusal extends Error {
  /**
   * @param {string} construct what in the spec is refused ("operationId `send-sms`")
   * @param {string} where the operation(s) or component it is in
   * @param {string} todo what to do about it
   */
  constructor(construct, where, todo) {
    super(`${construct} (${where}): ${todo}`);
    this.name = "GenerationRefusal";
  }
}

/** Words of a name: runs of letters and digits; every other character separates. */
const words = (text) =>
  String(text)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);

/**
 * The method name of an operationId: camelCase of its words. Every character that is
 * not a letter or digit separates words; the first word keeps its spelling with its
 * first letter lower-cased, each later word gets its first letter upper-cased.
 * `sendSms` → `sendSms`, `send-sms-v2` → `sendSmsV2`, `messages.get` → `messagesGet`,
 * `list_numbers` → `listNumbers`. Undefined when the id has no letter-led name
 * (`""`, `"2fa-check"`): the caller refuses it.
 */
export function methodName(operationId) {
  const parts = words(operationId);
  if (!parts.length || /^[0-9]/.test(parts[0])) return undefined;
  return parts.map((w, i) => (i === 0 ? w[0].toLowerCase() : w[0].toUpperCase()) + w.slice(1)).join("");
}

/** The type-name stem of a method name: `sendSmsV2` → `SendSmsV2` (so `SendSmsV2Params`, `SendSmsV2Result`). */
export function typeName(method) {
  return method[0].toUpperCase() + method.slice(1);
}

/**
 * Method names no operation may take. Members of `Chirp` (an operation of that name
 * would hide `request` or `paginate`), members every object inherits (`toString`,
 * `constructor`, `__proto__`: assigning them on the prototype breaks the class or
 * the object model), and `then` (a client with a `then` method is a thenable:
 * `await chirp` would call it).
 */
export const RESERVED_METHODS = new Set([
  "request",
  "withResponse",
  "paginate",
  "sendSmsBatch",
  "baseUrl",
  "isTestMode",
  "rateLimiter",
  "then",
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/**
 * `operationId → method name` for every operation of the document, in order. Refuses
 * (throws a `GenerationRefusal` naming every operation involved) an id with no
 * letter-led name, a reserved name, and two ids that the rule turns into one name.
 * @param {{ operationId: string, method: string, path: string }[]} ops
 * @returns {Map<string, string>}
 */
export function methodNames(ops) {
  const byName = new Map();
  const out = new Map();
  for (const { operationId, method, path } of ops) {
    const where = `${method.toUpperCase()} ${path}`;
    if (operationId === "__proto__") {
      // The generated tables are object literals, where a `"__proto__"` key sets the prototype instead of a key.
      throw new GenerationRefusal(
        'operationId "__proto__"',
        where,
        "the generated operation tables cannot hold this key; rename the operation upstream",
      );
    }
    const name = methodName(operationId);
    if (!name) {
      throw new GenerationRefusal(
        `operationId ${JSON.stringify(operationId)}`,
        where,
        "it gives no method name (the naming rule needs a name starting with a letter); rename it upstream or ask Chirp to",
      );
    }
    if (RESERVED_METHODS.has(name)) {
      throw new GenerationRefusal(
        `operationId ${JSON.stringify(operationId)} → method ${name}`,
        where,
        `\`${name}\` is a member every Chirp client already has; rename the operation upstream, or add an exception to scripts/lib/naming.mjs`,
      );
    }
    const other = byName.get(name);
    if (other) {
      throw new GenerationRefusal(
        `operationIds ${JSON.stringify(other.operationId)} and ${JSON.stringify(operationId)} → one method ${name}`,
        `${other.where} and ${where}`,
        "two operations cannot share a method name; ask upstream to rename one, or map one to another name in scripts/lib/naming.mjs",
      );
    }
    byName.set(name, { operationId, where });
    out.set(operationId, name);
  }
  return out;
}

/**
 * The class name of an error code: its words (runs of letters and digits) with their
 * first letters upper-cased, then `Error`, without doubling a final `error` word
 * (`template_not_found` → `TemplateNotFoundError`, `quota-exceeded` →
 * `QuotaExceededError`, `meta_api_error` → `MetaApiError`, `constructor` →
 * `ConstructorError`, `__proto__` → `ProtoError`). A code that starts with a digit
 * gets `Code` in front (`2fa_required` → `Code2faRequiredError`), so every class name is an identifier.
 * Mirrored at run time by `codeErrorName` in src/errors/code-error.ts.
 */
export function errorClassName(code) {
  const parts = words(code);
  if (parts.length > 1 && parts.at(-1).toLowerCase() === "error") parts.pop();
  const stem = parts.map((s) => s[0].toUpperCase() + s.slice(1)).join("");
  return `${/^[0-9]/.test(stem) ? "Code" : ""}${stem}Error`;
}

/** A property key as TypeScript source: bare when it is an identifier, else a string literal. */
export function propertyKey(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
