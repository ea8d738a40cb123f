// Request validation against the catalogue's compact schemas: the first violation,
// named the way Chirp names a field in `error.param` (`from`, `to[0]`, `text.body`).
// Deliberately small: it covers the keywords the spec's request schemas use, so a
// request the spec would refuse is refused with the field that is wrong.
import type { CompactSchema } from "./catalogue-types.js";

/** E.164: a plus, a non-zero digit, then up to 14 digits (as the SDK checks it). */
export const E164 = /^\+[1-9]\d{1,14}$/;

/** One violation: the field (Chirp's `param` notation) and what is wrong with it. */
export interface Violation {
  readonly param: string;
  readonly message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

/** The first violation of `schema` by `value`, or undefined. `param` names where `value` sits. */
export function firstViolation(schema: CompactSchema, value: unknown, param: string): Violation | undefined {
  const where = param || "body";
  if (schema.type !== undefined) {
    const types = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types.some((t) => matchesType(value, t))) {
      return { param: where, message: `"${where}" must be of type ${types.join(" or ")}, not ${typeOf(value)}.` };
    }
  }
  if (schema.enum && !schema.enum.includes(value)) {
    return {
      param: where,
      message: `"${where}" must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}.`,
    };
  }
  if (schema.const !== undefined && value !== schema.const) {
    return { param: where, message: `"${where}" must be ${JSON.stringify(schema.const)}.` };
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      return { param: where, message: `"${where}" must be at least ${schema.minLength} characters long.` };
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      return { param: where, message: `"${where}" must be at most ${schema.maxLength} characters long.` };
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value))
      return { param: where, message: `"${where}" does not match ${schema.pattern}.` };
    if ((schema.format === "uri" || schema.format === "url") && !URL.canParse(value))
      return { param: where, message: `"${where}" must be a URL.` };
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      return { param: where, message: `"${where}" must be at least ${schema.minimum}.` };
    if (schema.maximum !== undefined && value > schema.maximum)
      return { param: where, message: `"${where}" must be at most ${schema.maximum}.` };
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      return { param: where, message: `"${where}" must have at least ${schema.minItems} item(s).` };
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      return { param: where, message: `"${where}" must have at most ${schema.maxItems} item(s).` };
    if (schema.items) {
      for (let i = 0; i < value.length; i++) {
        const v = firstViolation(schema.items, value[i], `${where}[${i}]`);
        if (v) return v;
      }
    }
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(obj, name) || obj[name] === undefined) {
        return { param: join(param, name), message: `"${join(param, name)}" is required.` };
      }
    }
    const props = schema.properties ?? {};
    for (const [name, v] of Object.entries(obj)) {
      const sub = Object.hasOwn(props, name) ? props[name] : undefined;
      if (sub) {
        const bad = firstViolation(sub, v, join(param, name));
        if (bad) return bad;
      } else if (schema.additionalProperties === false) {
        return { param: join(param, name), message: `"${join(param, name)}" is not a known field.` };
      } else if (typeof schema.additionalProperties === "object") {
        const bad = firstViolation(schema.additionalProperties, v, join(param, name));
        if (bad) return bad;
      }
    }
  }
  for (const part of schema.allOf ?? []) {
    const bad = firstViolation(part, value, param);
    if (bad) return bad;
  }
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches?.length) {
    const results = branches.map((b) => firstViolation(b, value, param));
    if (results.every((r) => r !== undefined)) return results[0];
  }
  return undefined;
}

/**
 * The first phone field of `body` that is not E.164, as Chirp names it (`to[1]`).
 * `fields` are the operation's phone fields (from the catalogue); a field may hold one
 * number or a list.
 */
export function phoneViolation(fields: readonly string[], body: unknown): Violation | undefined {
  if (!body || typeof body !== "object") return undefined;
  for (const field of fields) {
    const value = (body as Record<string, unknown>)[field];
    const list = Array.isArray(value) ? value : [value];
    for (let i = 0; i < list.length; i++) {
      const n = list[i];
      if (typeof n !== "string" || E164.test(n)) continue;
      const param = Array.isArray(value) ? `${field}[${i}]` : field;
      return { param, message: `The phone number "${n}" is not in E.164 format.` };
    }
  }
  return undefined;
}
