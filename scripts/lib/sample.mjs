// A valid value for a JSON Schema node of the spec: the spec's own example where it
// gives one, else a value built from the schema (first enum member, first oneOf
// branch, a string of the declared format). Optional properties are left out unless
// the spec shows an example for them, so a sample never invents a combination the
// spec did not show. Used for the generated `@example` of every method and by the
// contract suite to build requests. Expects a schema with every $ref inlined.

const FORMAT_SAMPLES = {
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  email: "dev@example.com",
  uri: "https://example.com/hook",
  url: "https://example.com/hook",
  uuid: "123e4567-e89b-12d3-a456-426614174000",
};

function firstType(schema) {
  const { type } = schema;
  if (Array.isArray(type)) return type.find((t) => t !== "null");
  return typeof type === "string" ? type : schema.properties ? "object" : undefined;
}

/**
 * A sample value that `schema` accepts.
 * @param {Record<string, unknown>} schema a schema node with its $refs inlined
 * @returns {unknown}
 */
export function sample(schema) {
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null);
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches?.[0]) return sample({ ...schema, oneOf: undefined, anyOf: undefined, ...branches[0] });
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map(sample);
    const own = schema.properties ? sample({ ...schema, allOf: undefined }) : {};
    return Object.assign({}, own, ...parts);
  }
  switch (firstType(schema)) {
    case "object": {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const out = {};
      for (const [name, property] of Object.entries(properties)) {
        if (required.has(name) || property.example !== undefined) out[name] = sample(property);
      }
      return out;
    }
    case "array": {
      const item = sample(schema.items ?? {});
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
