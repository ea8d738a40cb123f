// What openapi-typescript is given for src/generated/openapi.ts: the spec with every
// response shape that several operations repeat declared once, under
// `components.responses`, and referenced where it was written out.
//
// Why: openapi-typescript writes each response out in full, so every operation repeats
// `{ headers: { [name: string]: unknown }; content: { "application/json":
// components["schemas"]["ApiError"] } }` for each of its error statuses. An app compiles
// the emitted declarations (with skipLibCheck, tsc still parses and binds every node),
// so these copies were most of what a larger spec costs an app (issue 22, bench/scale.mjs).
// A reference is the same type structurally: `operations["sendSms"]["responses"][400]`
// still has the same `headers` and `content`. The spec's per-operation description stays,
// as the sibling `description` OpenAPI 3.1 allows on a reference (openapi-typescript
// writes it as the status's `@description`).
//
// Only openapi-typescript's input changes: openapi/openapi.json and everything else the
// generator reads from the spec (methods, @throws, mock answers) see the spec as written.

/** A response's type is determined by these keys only (examples do not reach the types). */
const RESPONSE_KEYS = new Set(["description", "content"]);
const MEDIA_KEYS = new Set(["schema", "example", "examples"]);
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/**
 * The shape of a response as openapi-typescript types it, or undefined when it is not
 * one this module shares: a response with headers or links (typed per operation), one
 * whose media types are not all a plain `$ref` to a schema, or a reference already.
 * @returns {{ key: string, name: string } | undefined}
 */
function shapeOf(response) {
  if (!response || typeof response !== "object" || "$ref" in response) return undefined;
  if (Object.keys(response).some((k) => !RESPONSE_KEYS.has(k))) return undefined;
  const content = response.content ?? {};
  if (!content || typeof content !== "object") return undefined;
  const parts = [];
  const names = [];
  for (const [type, media] of Object.entries(content)) {
    if (!media || typeof media !== "object" || Object.keys(media).some((k) => !MEDIA_KEYS.has(k))) return undefined;
    const ref = media.schema?.$ref;
    const m = typeof ref === "string" && Object.keys(media.schema).length === 1 ? SCHEMA_REF.exec(ref) : null;
    if (!m) return undefined;
    parts.push([type, ref]);
    names.push(m[1].replaceAll("~1", "/").replaceAll("~0", "~"));
  }
  if (!parts.length) return { key: "[]", name: "NoContent", content: undefined };
  const shared = Object.fromEntries(parts.map(([t, r]) => [t, { schema: { $ref: r } }]));
  return { key: JSON.stringify(parts), name: [...new Set(names)].join("Or"), content: shared };
}

/** `name`, or `name` with the first free suffix, so that no response the spec declares is overwritten. */
function freeName(taken, name) {
  const base = /^[A-Za-z0-9._-]+$/.test(name) ? name : "Shared";
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/**
 * A copy of `spec` in which each response shape written out by two or more operations
 * is declared once under `components.responses` and referenced (keeping each
 * operation's description) — the input openapi-typescript is given.
 */
export function withSharedResponses(spec) {
  const out = structuredClone(spec);
  const uses = new Map();
  const responsesOf = [];
  for (const item of Object.values(out.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    for (const op of Object.values(item)) {
      if (!op || typeof op !== "object" || !op.responses || typeof op.responses !== "object") continue;
      for (const [status, response] of Object.entries(op.responses)) {
        const shape = shapeOf(response);
        if (!shape) continue;
        responsesOf.push({ responses: op.responses, status, shape });
        uses.set(shape.key, (uses.get(shape.key) ?? 0) + 1);
      }
    }
  }
  out.components ??= {};
  out.components.responses ??= {};
  const taken = new Set(Object.keys(out.components.responses));
  const refs = new Map();
  // In the spec's order, so that names (and the file) are a pure function of the spec.
  for (const { responses, status, shape } of responsesOf) {
    if (uses.get(shape.key) < 2) continue;
    let ref = refs.get(shape.key);
    if (!ref) {
      const name = freeName(taken, shape.name);
      taken.add(name);
      out.components.responses[name] = {
        description: `A response several operations share (${shape.name}); each operation's own description is on its status.`,
        ...(shape.content && { content: shape.content }),
      };
      ref = `#/components/responses/${name}`;
      refs.set(shape.key, ref);
    }
    const description = responses[status].description;
    responses[status] = description === undefined ? { $ref: ref } : { $ref: ref, description };
  }
  return out;
}
