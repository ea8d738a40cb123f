// Reading the OpenAPI document: the one place that knows how operations, their
// security, success status, list shape and phone fields are found in the spec.
// generate.mjs turns this into src/generated/*; spec-update.mjs diffs it.

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** E.164: a plus, a non-zero digit, then up to 14 digits. */
const E164 = /^\+[1-9]\d{1,14}$/;

/** Follows `$ref`s (local ones only: the vendored document is self-contained). */
export function deref(spec, node) {
  let current = node;
  const seen = new Set();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    if (!current.$ref.startsWith("#/")) throw new Error(`external $ref not supported: ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((obj, key) => obj?.[key], spec);
    if (current === undefined) throw new Error(`unresolved $ref ${[...seen].pop()}`);
  }
  return current;
}

/** Every operation of the document, in document order. */
export function* eachOperation(spec) {
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op) yield { path, method, op, pathItem: item };
    }
  }
}

function jsonSchemaOf(spec, container) {
  const content = deref(spec, container)?.content ?? {};
  const media = content["application/json"] ?? Object.values(content)[0];
  return media?.schema ? deref(spec, media.schema) : undefined;
}

function securityScheme(spec, op) {
  const requirements = op.security ?? spec.security ?? [];
  const names = [...new Set(requirements.flatMap((r) => Object.keys(r)))];
  if (names.length > 1) throw new Error(`${op.operationId}: more than one security scheme (${names.join(", ")})`);
  return names[0] ?? null;
}

function parameters(spec, op, pathItem) {
  return [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p));
}

/**
 * How a list operation pages, read from its success schema and query parameters:
 * - "cursor": the response has `nextCursor` and the operation takes a `cursor` query;
 * - "offset": the response has `totalCount` and the operation takes an `offset` query;
 * - "single": one array property and no paging parameters — the whole list in one answer.
 * Returns null when the response is not a list envelope (exactly one array property).
 */
function listShape(spec, op, successSchema, params) {
  if (successSchema?.type !== "object") return null;
  const props = successSchema.properties ?? {};
  const arrays = Object.entries(props).filter(([, s]) => deref(spec, s)?.type === "array");
  if (arrays.length !== 1) return null;
  const query = new Map(params.filter((p) => p.in === "query").map((p) => [p.name, p]));
  const items = arrays[0][0];
  const limitParam = query.has("limit") ? "limit" : null;
  const numberType = (name) => (deref(spec, query.get(name)?.schema)?.type === "string" ? "string" : "number");
  if ("nextCursor" in props && query.has("cursor")) {
    return { style: "cursor", items, cursorParam: "cursor", nextField: "nextCursor", limitParam };
  }
  if ("totalCount" in props && query.has("offset")) {
    return {
      style: "offset",
      items,
      offsetParam: "offset",
      totalField: "totalCount",
      limitParam,
      numbersAs: numberType("offset"),
    };
  }
  if (op.operationId?.startsWith("list")) return { style: "single", items };
  return null;
}

/**
 * Body fields of send operations that hold phone numbers: `from` / `to` of an
 * operation named `send…`, whose own example is an E.164 number. The SDK checks
 * them before sending (a typo there is an SMS that never arrives, or a bill).
 */
function phoneFields(spec, op) {
  if (!op.operationId?.startsWith("send") || !op.requestBody) return [];
  const body = jsonSchemaOf(spec, op.requestBody);
  const props = body?.properties ?? {};
  return ["from", "to"].filter((name) => {
    const s = props[name] && deref(spec, props[name]);
    if (!s) return false;
    const example = s.example ?? s.examples?.[0];
    const sample = Array.isArray(example) ? example[0] : example;
    return typeof sample === "string" && E164.test(sample);
  });
}

/** The SDK's view of one operation, everything the runtime needs and nothing else. */
export function describeOperations(spec) {
  const out = [];
  for (const { path, method, op, pathItem } of eachOperation(spec)) {
    if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    const success = Object.keys(op.responses ?? {})
      .filter((s) => /^2\d\d$/.test(s))
      .sort()[0];
    if (!success) throw new Error(`${op.operationId} has no 2xx response`);
    const params = parameters(spec, op, pathItem);
    const successSchema = jsonSchemaOf(spec, op.responses[success]);
    const entry = {
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
      security: securityScheme(spec, op),
      status: Number(success),
      // The resource group (the last tag: "SMS", "Webhooks", "Apps", …); the rate
      // limiter derives its buckets from it.
      group: op.tags?.at(-1) ?? null,
    };
    // An operation whose success response has no body resolves to undefined; any
    // other operation answered with an empty body is a ChirpResponseError.
    if (!deref(spec, op.responses[success])?.content) entry.noContent = true;
    const list = method === "get" ? listShape(spec, op, successSchema, params) : null;
    if (list) entry.list = list;
    const phones = phoneFields(spec, op);
    if (phones.length) entry.phoneFields = phones;
    out.push(entry);
  }
  return out;
}

/** The 44 (today) error codes of the ApiError envelope, as the spec lists them. */
export function errorCodes(spec) {
  const apiError = deref(spec, spec.components?.schemas?.ApiError);
  const inner = deref(spec, apiError?.properties?.error);
  const codes = deref(spec, inner?.properties?.code)?.enum;
  const types = deref(spec, inner?.properties?.type)?.enum;
  if (!Array.isArray(codes) || !Array.isArray(types))
    throw new Error("components.schemas.ApiError has no code/type enum");
  return { codes, types };
}

/** Webhook event names from the WebhookEventType enum. */
export function webhookEventTypes(spec) {
  const schema = deref(spec, spec.components?.schemas?.WebhookEventType);
  return Array.isArray(schema?.enum) ? schema.enum : [];
}

/**
 * `template_not_found` → `TemplateNotFoundError`: every `_` segment capitalised. A code
 * that already ends in `error` keeps one (`meta_api_error` → `MetaApiError`, not
 * `MetaApiErrorError`).
 */
export function errorClassName(code) {
  const words = code.split(/[_\-.\s]+/).filter(Boolean);
  if (words.length > 1 && words.at(-1).toLowerCase() === "error") words.pop();
  return `${words.map((s) => s[0].toUpperCase() + s.slice(1)).join("")}Error`;
}

/**
 * The HTTP statuses each error code is documented under: an error response names a
 * code when its description quotes it (`template_not_found`) or one of its examples
 * carries it. Codes no response mentions are absent. Statuses sorted ascending.
 */
export function errorCodeStatuses(spec) {
  const { codes } = errorCodes(spec);
  const byCode = new Map();
  const note = (code, status) => {
    if (!byCode.has(code)) byCode.set(code, new Set());
    byCode.get(code).add(Number(status));
  };
  for (const { op } of eachOperation(spec)) {
    for (const [status, ref] of Object.entries(op.responses ?? {})) {
      if (!/^[45]\d\d$/.test(status)) continue;
      const response = deref(spec, ref);
      const text = response?.description ?? "";
      for (const code of codes) if (text.includes(`\`${code}\``)) note(code, status);
      for (const media of Object.values(response?.content ?? {})) {
        for (const example of Object.values(media.examples ?? {})) {
          const code = deref(spec, example)?.value?.error?.code;
          if (typeof code === "string") note(code, status);
        }
      }
    }
  }
  return new Map([...byCode].map(([code, set]) => [code, [...set].sort((a, b) => a - b)]));
}

/** The `error.type` each code's examples in the spec carry (code → Set of types). */
export function errorCodeExampleTypes(spec) {
  const out = new Map();
  for (const example of Object.values(spec.components?.examples ?? {})) {
    const error = deref(spec, example)?.value?.error;
    if (typeof error?.code !== "string" || typeof error.type !== "string") continue;
    if (!out.has(error.code)) out.set(error.code, new Set());
    out.get(error.code).add(error.type);
  }
  return out;
}

/** `node` with every local $ref inlined, recursively (siblings of a $ref override the target's, as 3.1 allows). */
export function inlineRefs(spec, node, stack = []) {
  if (Array.isArray(node)) return node.map((x) => inlineRefs(spec, x, stack));
  if (!node || typeof node !== "object") return node;
  const { $ref, ...rest } = node;
  if (typeof $ref === "string") {
    if (stack.includes($ref)) throw new Error(`cyclic $ref ${$ref}`);
    return { ...inlineRefs(spec, deref(spec, { $ref }), [...stack, $ref]), ...inlineRefs(spec, rest, stack) };
  }
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, inlineRefs(spec, v, stack)]));
}

/** `sendSms` → `SendSms`. */
export function pascalCase(operationId) {
  return operationId[0].toUpperCase() + operationId.slice(1);
}
