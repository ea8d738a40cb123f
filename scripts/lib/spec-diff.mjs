// What changed between two versions of the spec, from an SDK user's point of view.
// Breaking: a removed operation, a removed response field, a newly required request
// field or parameter, a narrowed enum (a value the old spec allowed is gone).
import { deref, eachOperation } from "./spec.mjs";

const MAX_DEPTH = 12;

function opsById(spec) {
  const map = new Map();
  for (const { path, method, op, pathItem } of eachOperation(spec))
    map.set(op.operationId, { path, method, op, pathItem });
  return map;
}

function jsonSchema(spec, container) {
  const content = deref(spec, container)?.content ?? {};
  const media = content["application/json"] ?? Object.values(content)[0];
  return media?.schema;
}

/** Properties of a schema, allOf merged (oneOf/anyOf branches are compared as alternatives, not merged). */
function objectView(spec, schema) {
  const s = deref(spec, schema);
  if (!s || typeof s !== "object") return { properties: {}, required: [] };
  const view = { properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
  for (const part of s.allOf ?? []) {
    const v = objectView(spec, part);
    Object.assign(view.properties, v.properties);
    view.required.push(...v.required);
  }
  return view;
}

/**
 * Walks old and new schema side by side. `mode` is "request" (new required fields
 * break callers) or "response" (removed fields break readers); narrowed enums break either way.
 */
function compareSchemas(oldSpec, newSpec, a, b, where, mode, out, depth = 0, seen = new Set()) {
  if (depth > MAX_DEPTH || !a || !b) return;
  const key = `${a.$ref ?? ""}|${b.$ref ?? ""}|${mode}`;
  if ((a.$ref || b.$ref) && seen.has(key)) return;
  seen.add(key);
  const sa = deref(oldSpec, a);
  const sb = deref(newSpec, b);
  if (Array.isArray(sa.enum) && Array.isArray(sb.enum)) {
    const gone = sa.enum.filter((v) => !sb.enum.includes(v));
    if (gone.length)
      out.breaking.push(`${where}: enum narrowed (removed ${gone.map((v) => JSON.stringify(v)).join(", ")})`);
    const added = sb.enum.filter((v) => !sa.enum.includes(v));
    if (added.length) out.changes.push(`${where}: enum gained ${added.map((v) => JSON.stringify(v)).join(", ")}`);
  }
  const va = objectView(oldSpec, sa);
  const vb = objectView(newSpec, sb);
  for (const name of Object.keys(va.properties)) {
    if (!(name in vb.properties)) {
      (mode === "response" ? out.breaking : out.changes).push(`${where}.${name}: removed`);
    } else {
      compareSchemas(
        oldSpec,
        newSpec,
        va.properties[name],
        vb.properties[name],
        `${where}.${name}`,
        mode,
        out,
        depth + 1,
        seen,
      );
    }
  }
  for (const name of Object.keys(vb.properties)) {
    if (name in va.properties) continue;
    const required = vb.required.includes(name);
    if (mode === "request" && required) out.breaking.push(`${where}.${name}: new required field`);
    else out.changes.push(`${where}.${name}: added${required ? " (required)" : ""}`);
  }
  if (mode === "request") {
    for (const name of vb.required) {
      if (name in va.properties && !va.required.includes(name)) out.breaking.push(`${where}.${name}: now required`);
    }
  }
  if (sa.items && sb.items)
    compareSchemas(oldSpec, newSpec, sa.items, sb.items, `${where}[]`, mode, out, depth + 1, seen);
  const alts = (s) => s.oneOf ?? s.anyOf ?? [];
  alts(sa).forEach((alt, i) => {
    const other = alts(sb)[i];
    if (other) compareSchemas(oldSpec, newSpec, alt, other, `${where}<${i}>`, mode, out, depth + 1, seen);
  });
}

/** The named examples of a response (what `Prefer: example=<name>` picks in a mock). */
function exampleNames(spec, container) {
  const content = deref(spec, container)?.content ?? {};
  return Object.values(content).flatMap((media) => Object.keys(media?.examples ?? {}));
}

/** A response with its `$ref`s followed one level deep, so moving it into components is no change. */
function resolved(spec, container) {
  const res = deref(spec, container) ?? {};
  const content = Object.fromEntries(
    Object.entries(res.content ?? {}).map(([type, media]) => [
      type,
      {
        ...media,
        schema: media?.schema && deref(spec, media.schema),
        examples: Object.fromEntries(Object.entries(media?.examples ?? {}).map(([k, v]) => [k, deref(spec, v)])),
      },
    ]),
  );
  return { ...res, content };
}

function params(spec, entry) {
  return [...(entry.pathItem.parameters ?? []), ...(entry.op.parameters ?? [])].map((p) => deref(spec, p));
}

/** The report: operations added / removed / changed, schemas changed, and every breaking change. */
export function diffSpecs(oldSpec, newSpec) {
  const before = opsById(oldSpec);
  const after = opsById(newSpec);
  const report = { added: [], removed: [], changed: [], schemas: [], breaking: [] };
  for (const [id, e] of before) {
    if (!after.has(id)) {
      report.removed.push(`${id} (${e.method.toUpperCase()} ${e.path})`);
      report.breaking.push(`operation ${id} removed`);
    }
  }
  for (const [id, e] of after) if (!before.has(id)) report.added.push(`${id} (${e.method.toUpperCase()} ${e.path})`);
  for (const [id, b] of after) {
    const a = before.get(id);
    if (!a) continue;
    const out = { changes: [], breaking: [] };
    if (a.method !== b.method || a.path !== b.path) {
      out.breaking.push(`${id}: moved from ${a.method.toUpperCase()} ${a.path} to ${b.method.toUpperCase()} ${b.path}`);
    }
    if (JSON.stringify(a.op.security ?? null) !== JSON.stringify(b.op.security ?? null)) {
      out.breaking.push(`${id}: security changed`);
    }
    const pa = new Map(params(oldSpec, a).map((p) => [`${p.in}:${p.name}`, p]));
    for (const p of params(newSpec, b)) {
      const old = pa.get(`${p.in}:${p.name}`);
      if (!old && p.required) out.breaking.push(`${id}: new required ${p.in} parameter ${p.name}`);
      else if (!old) out.changes.push(`${id}: new ${p.in} parameter ${p.name}`);
      else if (p.required && !old.required) out.breaking.push(`${id}: ${p.in} parameter ${p.name} now required`);
      else if (old.schema && p.schema)
        compareSchemas(oldSpec, newSpec, old.schema, p.schema, `${id} ${p.in}.${p.name}`, "request", out);
    }
    const ra = a.op.requestBody && jsonSchema(oldSpec, a.op.requestBody);
    const rb = b.op.requestBody && jsonSchema(newSpec, b.op.requestBody);
    if (!ra && rb && deref(newSpec, b.op.requestBody).required) out.breaking.push(`${id}: now requires a body`);
    if (ra && rb) compareSchemas(oldSpec, newSpec, ra, rb, `${id} body`, "request", out);
    for (const [status, res] of Object.entries(a.op.responses ?? {})) {
      const other = b.op.responses?.[status];
      if (!other) {
        (status.startsWith("2") ? out.breaking : out.changes).push(`${id}: response ${status} removed`);
        continue;
      }
      const sa = jsonSchema(oldSpec, res);
      const sb = jsonSchema(newSpec, other);
      if (sa && sb && status.startsWith("2"))
        compareSchemas(oldSpec, newSpec, sa, sb, `${id} ${status}`, "response", out);
    }
    // A new documented status (an error an SDK user may now catch) is an addition, not a break.
    for (const [status, res] of Object.entries(b.op.responses ?? {})) {
      const before = a.op.responses?.[status];
      if (!before) {
        const named = exampleNames(newSpec, res);
        out.changes.push(`${id}: response ${status} added${named.length ? ` (examples: ${named.join(", ")})` : ""}`);
      } else if (
        !status.startsWith("2") &&
        JSON.stringify(resolved(oldSpec, before)) !== JSON.stringify(resolved(newSpec, res))
      ) {
        out.changes.push(`${id}: response ${status} changed`);
      }
    }
    const structural =
      JSON.stringify({ ...a.op, description: 0, summary: 0 }) !==
      JSON.stringify({ ...b.op, description: 0, summary: 0 });
    if (out.changes.length || out.breaking.length || structural) {
      report.changed.push({ id, changes: out.changes, breaking: out.breaking });
      report.breaking.push(...out.breaking);
    }
  }
  const sa = oldSpec.components?.schemas ?? {};
  const sb = newSpec.components?.schemas ?? {};
  for (const name of new Set([...Object.keys(sa), ...Object.keys(sb)])) {
    if (!(name in sb)) report.schemas.push(`${name}: removed`);
    else if (!(name in sa)) report.schemas.push(`${name}: added`);
    else if (JSON.stringify(sa[name]) !== JSON.stringify(sb[name])) report.schemas.push(`${name}: changed`);
  }
  report.breaking = [...new Set(report.breaking)];
  return report;
}

/** The report as lines a person reads in a terminal or a CI log. */
export function formatReport(report) {
  const lines = [];
  const none = !report.added.length && !report.removed.length && !report.changed.length && !report.schemas.length;
  if (none) return "No change: the new spec describes the same API.";
  const section = (title, items) => {
    if (!items.length) return;
    lines.push(`${title} (${items.length}):`);
    for (const item of items) lines.push(`  ${item}`);
  };
  section("Operations added", report.added);
  section("Operations removed [BREAKING]", report.removed);
  section(
    "Operations changed",
    report.changed.map((c) =>
      [c.id, ...c.breaking.map((b) => `  [BREAKING] ${b}`), ...c.changes.map((x) => `  ${x}`)].join("\n  "),
    ),
  );
  section("Schemas changed", report.schemas);
  lines.push(
    report.breaking.length
      ? `${report.breaking.length} breaking change(s):\n${report.breaking.map((b) => `  - ${b}`).join("\n")}`
      : "No breaking change.",
  );
  return lines.join("\n");
}
