// A valid value for a schema: the spec's own example where it gives one, else a
// value built from the schema (first enum member, first oneOf branch, a string of
// the declared format). Optional properties are left out unless the spec shows an
// example for them, so a sample never invents a combination the spec did not show.
import type { Schema } from "./spec.js";

const FORMAT_SAMPLES: Record<string, string> = {
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  email: "dev@example.com",
  uri: "https://example.com/hook",
  url: "https://example.com/hook",
  uuid: "123e4567-e89b-12d3-a456-426614174000",
};

function firstType(schema: Schema): string | undefined {
  const { type } = schema;
  if (Array.isArray(type)) return type.find((t) => t !== "null");
  return typeof type === "string" ? type : schema.properties ? "object" : undefined;
}

/** A sample value that `schema` accepts. */
export function sample(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null);
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (branches?.[0]) return sample({ ...schema, oneOf: undefined, anyOf: undefined, ...branches[0] });
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as Schema[]).map(sample);
    const own = schema.properties ? sample({ ...schema, allOf: undefined }) : {};
    return Object.assign({}, own, ...parts);
  }
  switch (firstType(schema)) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        if (required.has(name) || property.example !== undefined) out[name] = sample(property);
      }
      return out;
    }
    case "array": {
      const item = sample((schema.items ?? {}) as Schema);
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => item);
    }
    case "integer":
    case "number":
      return Number(schema.minimum ?? schema.exclusiveMinimum ?? 1);
    case "boolean":
      return true;
    case "string": {
      const text = FORMAT_SAMPLES[String(schema.format)] ?? "sample";
      const min = Number(schema.minLength ?? 0);
      return text.length >= min ? text : text.padEnd(min, "x");
    }
    default:
      return "sample";
  }
}
