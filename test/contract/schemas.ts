// JSON Schema 2020-12 validation of what crossed the wire, with two views of the
// spec's schemas: the response view (as documented, plus the enum-with-null fix)
// and the strict request view (no property the schema does not define).
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Schema } from "./spec.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

// strict: false lets OpenAPI's own keywords (`example`, `discriminator`) through.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const COMPOSITIONS = ["allOf", "oneOf", "anyOf"] as const;
const isObj = (x: unknown): x is Schema => !!x && typeof x === "object" && !Array.isArray(x);

function map(schema: Schema, visit: (s: Schema, inComposition: boolean) => Schema, inComposition = false): Schema {
  const out: Schema = { ...schema };
  if (isObj(out.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([k, v]) => [k, isObj(v) ? map(v, visit) : v]),
    );
  }
  for (const key of ["items", "additionalProperties", "not", "contains"]) {
    if (isObj(out[key])) out[key] = map(out[key] as Schema, visit);
  }
  if (Array.isArray(out.prefixItems)) out.prefixItems = out.prefixItems.map((s: Schema) => map(s, visit));
  for (const key of COMPOSITIONS) {
    if (Array.isArray(out[key])) out[key] = (out[key] as Schema[]).map((s) => map(s, visit, true));
  }
  return visit(out, inComposition);
}

/** The spec's `vertical` quirk: `type: [string, null]` with an enum that lacks null; allow null as the type says. */
export function nullableEnums(schema: Schema): Schema {
  return map(schema, (s) => {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (Array.isArray(s.enum) && types.includes("null") && !s.enum.includes(null))
      return { ...s, enum: [...s.enum, null] };
    return s;
  });
}

function declaresProperties(s: Schema): boolean {
  return (
    isObj(s.properties) || COMPOSITIONS.some((k) => Array.isArray(s[k]) && (s[k] as Schema[]).some(declaresProperties))
  );
}

/**
 * The schema with `unevaluatedProperties: false` on every object schema that
 * declares properties and says nothing about extra ones. 2020-12's
 * unevaluatedProperties sees through allOf/oneOf/anyOf, so it is set on the
 * composing schema only, never on its branches.
 */
export function strict(schema: Schema): Schema {
  return map(nullableEnums(schema), (s, inComposition) => {
    if (inComposition || !declaresProperties(s)) return s;
    if (s.additionalProperties !== undefined || s.unevaluatedProperties !== undefined) return s;
    return { ...s, unevaluatedProperties: false };
  });
}

const cache = new WeakMap<Schema, ReturnType<typeof ajv.compile>>();

/** The problems `value` has against `schema`, one line each; empty when it is valid. */
export function problems(schema: Schema, value: unknown): string[] {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
  );
}
