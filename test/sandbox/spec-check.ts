// The independent check of the sandbox: every answer it gives (and every example its
// catalogue holds) is validated with ajv against openapi/openapi.json itself — not the
// catalogue, not the SDK's types. Object schemas are closed (no property the spec does
// not define), so a field the sandbox invents fails too.
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Sandbox, SandboxWebhookDelivery } from "../../src/testing/index.js";

// biome-ignore lint/suspicious/noExplicitAny: a JSON document read field by field
type Json = any;

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

export const spec: Json = JSON.parse(readFileSync(new URL("../../openapi/openapi.json", import.meta.url), "utf8"));

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

function deref(node: Json): Json {
  let n = node;
  while (n && typeof n.$ref === "string") {
    n = n.$ref
      .slice(2)
      .split("/")
      .map((p: string) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((o: Json, k: string) => o?.[k], spec);
  }
  return n;
}

/** The schema with refs inlined, enum-with-null allowed as its type says, and objects closed. */
function prepare(node: Json, inComposition = false): Json {
  if (Array.isArray(node)) return node.map((x) => prepare(x));
  if (!node || typeof node !== "object") return node;
  const s: Json = { ...deref(node) };
  delete s.$ref;
  for (const k of Object.keys(s)) {
    if (k === "properties")
      s.properties = Object.fromEntries(Object.entries(s.properties).map(([p, v]) => [p, prepare(v)]));
    else if (k === "items" || k === "additionalProperties") s[k] = typeof s[k] === "object" ? prepare(s[k]) : s[k];
    else if (k === "oneOf" || k === "anyOf" || k === "allOf") s[k] = s[k].map((b: Json) => prepare(b, true));
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (Array.isArray(s.enum) && types.includes("null") && !s.enum.includes(null)) s.enum = [...s.enum, null];
  if (!inComposition && s.properties && s.additionalProperties === undefined) s.unevaluatedProperties = false;
  return s;
}

const operations = new Map<string, { method: string; op: Json }>();
for (const [, item] of Object.entries<Json>(spec.paths)) {
  for (const method of ["get", "put", "post", "delete", "patch"]) {
    if (item[method]) operations.set(item[method].operationId, { method, op: item[method] });
  }
}

const compiled = new Map<string, ValidateFunction | null>();

/** The validator of `status` of `operationId` (null when that answer has no JSON body). */
function validator(operationId: string, status: number): ValidateFunction | null {
  const key = `${operationId} ${status}`;
  if (!compiled.has(key)) {
    const op = operations.get(operationId)?.op;
    if (!op) throw new Error(`the spec has no operation ${operationId}`);
    const response = deref(op.responses[String(status)]);
    if (!response) throw new Error(`${operationId} documents no ${status} answer`);
    const schema = response.content?.["application/json"]?.schema;
    compiled.set(key, schema ? ajv.compile(prepare(schema)) : null);
  }
  return compiled.get(key) ?? null;
}

const explain = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);

/** The problems of `body` as answer `status` of `operationId`, one line each; empty when valid. */
export function answerProblems(operationId: string, status: number, body: unknown): string[] {
  const validate = validator(operationId, status);
  if (!validate) return body === undefined ? [] : ["a body where the spec documents none"];
  return validate(body) ? [] : explain(validate.errors);
}

/** The problems of `value` against a component schema (`ApiError`, …). */
export function componentProblems(name: string, value: unknown): string[] {
  const key = `#${name}`;
  if (!compiled.has(key)) compiled.set(key, ajv.compile(prepare(spec.components.schemas[name])));
  const validate = compiled.get(key)!;
  return validate(value) ? [] : explain(validate.errors);
}

/** Every answer `sandbox` recorded, checked: a documented status of its operation and a body valid against it. */
export function recordedProblems(sandbox: Sandbox): string[] {
  const out: string[] = [];
  for (const r of sandbox.requests()) {
    if (r.answer === "dropped" || r.answer === "pending" || r.operationId === null) continue;
    const documented = Object.hasOwn(operations.get(r.operationId)!.op.responses, String(r.answer.status));
    if (!documented) {
      out.push(`${r.operationId}: status ${r.answer.status} is not documented`);
      continue;
    }
    for (const p of answerProblems(r.operationId, r.answer.status, r.answer.body))
      out.push(`${r.operationId} ${r.answer.status}: ${p}`);
  }
  return out;
}

/** Webhook payloads checked against what the spec defines of them: the event name, and `data.error` as the ApiError object. */
export function deliveryProblems(deliveries: readonly SandboxWebhookDelivery[]): string[] {
  const events: string[] = spec.components.schemas.WebhookEventType.enum;
  const out: string[] = [];
  for (const d of deliveries) {
    if (!events.includes(d.payload.event)) out.push(`${d.payload.event}: not a WebhookEventType`);
    if (Number.isNaN(Date.parse(d.payload.timestamp))) out.push(`${d.payload.event}: timestamp is not a date`);
    const error = d.payload.data.error;
    if (d.payload.event.endsWith(".failed") || error !== undefined) {
      for (const p of componentProblems("ApiError", { error })) out.push(`${d.payload.event} data.error: ${p}`);
    }
  }
  return out;
}

/** Every operation id of the spec. */
export const operationIds = [...operations.keys()];
