// Reading the OpenAPI document: the one place that knows how operations, their
// security, success status, list shape and phone fields are found in the spec.
// generate.mjs turns this into src/generated/*; spec-update.mjs diffs it.

import { GenerationRefusal, methodNames } from "./naming.mjs";

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

/** A JSON media type: `application/json`, or any `…+json` (`application/problem+json`). */
export const isJson = (mediaType) => /^application\/(?:[\w.-]+\+)?json$/i.test(mediaType.split(";")[0].trim());

/**
 * The media type a request body is sent as: `application/json` when the spec offers
 * it (or another JSON type), else the first one it lists (`multipart/form-data`,
 * `application/x-www-form-urlencoded`, `application/octet-stream`, `text/plain`, …).
 * Undefined for an operation without a body.
 */
export function requestMediaType(spec, op) {
  const content = op.requestBody ? (deref(spec, op.requestBody)?.content ?? {}) : {};
  const types = Object.keys(content);
  return types.find((t) => t === "application/json") ?? types.find(isJson) ?? types[0];
}

/**
 * How a success body is read, from the media type the spec documents for it: "json"
 * (any JSON type), "text" (`text/*`, XML), "blob" (anything else: images, PDFs,
 * `application/octet-stream` — a Blob keeps the media type it was sent with), or
 * undefined when the response has no body.
 */
export function responseKind(spec, response) {
  const types = Object.keys(deref(spec, response)?.content ?? {});
  if (!types.length) return undefined;
  if (types.some(isJson)) return "json";
  if (types.every((t) => /^text\/|[/+]xml$/i.test(t.split(";")[0].trim()))) return "text";
  return "blob";
}

/** The security scheme the operation (or the document) names, or null for none. */
export function securityScheme(spec, op) {
  const requirements = op.security ?? spec.security ?? [];
  const names = [...new Set(requirements.flatMap((r) => Object.keys(r)))];
  if (names.length > 1) {
    throw new GenerationRefusal(
      `more than one security scheme (${names.join(", ")})`,
      `operation ${op.operationId}`,
      "the SDK sends one key per operation; teach src/auth.ts which key to choose before taking this spec",
    );
  }
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
 * Every `properties` object a body schema can have: its own, and those of each
 * `oneOf` / `anyOf` / `allOf` branch (recursively), so that a check applies to every
 * branch of a discriminated body, not only to a flat one.
 */
function propertySets(spec, schema, seen = new Set()) {
  const s = schema && deref(spec, schema);
  if (!s || typeof s !== "object" || seen.has(s)) return [];
  seen.add(s);
  const own = s.properties ? [s.properties] : [];
  const branches = [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])];
  return [...own, ...branches.flatMap((b) => propertySets(spec, b, seen))];
}

/**
 * Body fields of send operations that hold phone numbers: `from` / `to` of an
 * operation named `send…` (its id's first word), whose own example is an E.164
 * number — in the body itself or in any `oneOf` / `anyOf` / `allOf` branch of it, in
 * any of its media types (a JSON body or a form). The SDK checks them before sending
 * (a typo there is an SMS that never arrives, or a bill).
 */
function phoneFields(spec, op) {
  if (!/^send(?![a-z])/.test(op.operationId ?? "") || !op.requestBody) return [];
  const content = deref(spec, op.requestBody)?.content ?? {};
  const sets = Object.values(content).flatMap((media) => propertySets(spec, media?.schema));
  return ["from", "to"].filter((name) =>
    sets.some((props) => {
      const s = props[name] && deref(spec, props[name]);
      if (!s) return false;
      const example = s.example ?? s.examples?.[0];
      const sample = Array.isArray(example) ? example[0] : example;
      return typeof sample === "string" && E164.test(sample);
    }),
  );
}

/**
 * The SDK's view of one operation, everything the runtime needs and nothing else.
 * `name` is the method name when the naming rule (scripts/lib/naming.mjs) spells it
 * differently from the operationId; `bodyType` the request media type when it is not
 * JSON; `responseType` "text" or "blob" for a success body that is not JSON.
 */
export function describeOperations(spec) {
  const out = [];
  const all = [...eachOperation(spec)];
  for (const { path, method, op } of all) {
    if (!op.operationId) {
      throw new GenerationRefusal(
        "an operation without operationId",
        `${method.toUpperCase()} ${path}`,
        "every operation needs an operationId to be a method; ask upstream to add one",
      );
    }
  }
  const names = methodNames(all.map(({ path, method, op }) => ({ operationId: op.operationId, method, path })));
  for (const { path, method, op, pathItem } of all) {
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
    if (names.get(op.operationId) !== op.operationId) entry.name = names.get(op.operationId);
    const bodyType = requestMediaType(spec, op);
    if (bodyType && !isJson(bodyType)) entry.bodyType = bodyType;
    const kind = responseKind(spec, op.responses[success]);
    if (kind === "text" || kind === "blob") entry.responseType = kind;
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

/** The class name of an error code: see scripts/lib/naming.mjs (one rule for every generated name). */
export { errorClassName } from "./naming.mjs";

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

/** `sendSms` → `SendSms`: the type-name stem of a method name (see scripts/lib/naming.mjs). */
export { typeName as pascalCase } from "./naming.mjs";
