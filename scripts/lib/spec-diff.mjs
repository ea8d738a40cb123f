// What changed between two versions of the spec, from an SDK user's point of view.
// Breaking: a removed operation, a removed response field, a newly required request
// field or parameter (header parameters included), a narrowed enum (a value the old
// spec allowed is gone), a removed error code (its error class goes), a changed security
// requirement, a removed request or response content type, a removed parameter.
// Reported by name beside them, not breaking: error codes and security schemes added,
// deprecations (operation, parameter, schema, schema property), content types added.
// A change of one shared schema (ApiError gaining a code) shows once, with how many
// responses it reaches, instead of one "response changed" line per response.
import { deref, eachOperation, errorCodes } from "./spec.mjs";
import { isEmptyReport } from "./version-bump.mjs";

const MAX_DEPTH = 12;

function opsById(spec) {
  const map = new Map();
  for (const { path, method, op, pathItem } of eachOperation(spec))
    map.set(op.operationId, { path, method, op, pathItem });
  return map;
}

/** The media type jsonSchema() reads: application/json, else the first one. */
function mediaOf(spec, container) {
  const content = deref(spec, container)?.content ?? {};
  return "application/json" in content ? "application/json" : Object.keys(content)[0];
}

function sameMedia(oldSpec, a, newSpec, b) {
  return mediaOf(oldSpec, a) === mediaOf(newSpec, b);
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

/** A response with its own `$ref` followed and its examples inlined, but schema `$ref`s kept as names. */
function shallow(spec, container) {
  const res = deref(spec, container) ?? {};
  const content = Object.fromEntries(
    Object.entries(res.content ?? {}).map(([type, media]) => [
      type,
      {
        ...media,
        examples: Object.fromEntries(Object.entries(media?.examples ?? {}).map(([k, v]) => [k, deref(spec, v)])),
      },
    ]),
  );
  return { ...res, content };
}

/** Names of the component schemas `node` reaches through `$ref`s, transitively. */
function schemaRefs(spec, node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) schemaRefs(spec, item, found);
  } else if (node && typeof node === "object") {
    const ref = typeof node.$ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(node.$ref) : null;
    if (ref) {
      const name = ref[1].replaceAll("~1", "/").replaceAll("~0", "~");
      if (!found.has(name)) {
        found.add(name);
        schemaRefs(spec, spec.components?.schemas?.[name], found);
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== "$ref") schemaRefs(spec, value, found);
  }
  return found;
}

/** The ApiError `error.code` enum of `spec`, or [] when it has none. */
function codesOf(spec) {
  try {
    return errorCodes(spec).codes;
  } catch {
    return [];
  }
}

/** Error codes added and removed, by name (a removed code takes its error class with it). */
function diffErrorCodes(oldSpec, newSpec) {
  const a = codesOf(oldSpec);
  const b = codesOf(newSpec);
  return { added: b.filter((c) => !a.includes(c)), removed: a.filter((c) => !b.includes(c)) };
}

/** `name (type[, scheme|in:name][, flows])`: enough to know what a caller must now send. */
function describeScheme(scheme) {
  if (!scheme || typeof scheme !== "object") return "unknown";
  const detail = [scheme.type, scheme.scheme, scheme.in && `${scheme.in}: ${scheme.name}`];
  if (scheme.flows) detail.push(`flows: ${Object.keys(scheme.flows).join(", ")}`);
  return detail.filter(Boolean).join(", ");
}

/** Security schemes of components added, removed or changed. */
function diffSecuritySchemes(oldSpec, newSpec) {
  const a = oldSpec.components?.securitySchemes ?? {};
  const b = newSpec.components?.securitySchemes ?? {};
  const out = { added: [], removed: [], changed: [] };
  for (const name of Object.keys(b)) {
    if (!Object.hasOwn(a, name)) out.added.push(`${name} (${describeScheme(deref(newSpec, b[name]))})`);
    else if (JSON.stringify(a[name]) !== JSON.stringify(b[name])) out.changed.push(name);
  }
  for (const name of Object.keys(a)) if (!Object.hasOwn(b, name)) out.removed.push(name);
  return out;
}

/** `appAuth`, `oauth2 [sms:send]`, `none`: an operation's effective security requirement, in words. */
function requirementText(spec, op) {
  const requirements = op.security ?? spec.security ?? [];
  if (!requirements.length) return "none";
  return requirements
    .map((r) => {
      const names = Object.entries(r).map(([name, scopes]) =>
        scopes?.length ? `${name} [${scopes.join(", ")}]` : name,
      );
      return names.length ? names.join(" + ") : "none";
    })
    .join(" or ");
}

/** A changed effective security requirement is breaking: the key a caller holds may no longer do. */
function compareSecurity(oldSpec, newSpec, a, b, id, out) {
  const before = requirementText(oldSpec, a.op);
  const after = requirementText(newSpec, b.op);
  if (before !== after) out.breaking.push(`${id}: security changed from ${before} to ${after}`);
}

function mediaTypes(spec, container) {
  return Object.keys(deref(spec, container)?.content ?? {});
}

/**
 * Request and response media types: one added is news (multipart uploads, CSV exports);
 * one removed is breaking (a caller sending or expecting it is refused or misreads).
 */
function compareMediaTypes(oldSpec, newSpec, a, b, id, out) {
  const compare = (before, after, where) => {
    for (const type of after)
      if (!before.includes(type)) out.changes.push(`${id}: ${where} content type ${type} added`);
    for (const type of before)
      if (!after.includes(type)) out.breaking.push(`${id}: ${where} content type ${type} removed`);
  };
  if (a.op.requestBody && b.op.requestBody)
    compare(mediaTypes(oldSpec, a.op.requestBody), mediaTypes(newSpec, b.op.requestBody), "request");
  for (const [status, res] of Object.entries(b.op.responses ?? {})) {
    const old = a.op.responses?.[status];
    if (old) compare(mediaTypes(oldSpec, old), mediaTypes(newSpec, res), `response ${status}`);
  }
}

/** Schemas, and properties of schemas, newly marked `deprecated: true`. */
function deprecatedSchemas(oldSpec, newSpec) {
  const a = oldSpec.components?.schemas ?? {};
  const b = newSpec.components?.schemas ?? {};
  const out = [];
  for (const [name, schema] of Object.entries(b)) {
    if (!schema || typeof schema !== "object") continue;
    const old = Object.hasOwn(a, name) ? a[name] : undefined;
    if (schema.deprecated === true && old?.deprecated !== true) out.push(`schema ${name}`);
    const props = objectView(newSpec, schema).properties;
    const oldProps = old ? objectView(oldSpec, old).properties : {};
    for (const [prop, value] of Object.entries(props)) {
      const now = deref(newSpec, value);
      const was = Object.hasOwn(oldProps, prop) ? deref(oldSpec, oldProps[prop]) : undefined;
      if (now?.deprecated === true && was?.deprecated !== true) out.push(`schema ${name}.${prop}`);
    }
  }
  return out;
}

/** The report: operations added / removed / changed, schemas changed, and every breaking change. */
export function diffSpecs(oldSpec, newSpec) {
  const before = opsById(oldSpec);
  const after = opsById(newSpec);
  const report = {
    added: [],
    removed: [],
    changed: [],
    schemas: [],
    breaking: [],
    errorCodes: diffErrorCodes(oldSpec, newSpec),
    securitySchemes: diffSecuritySchemes(oldSpec, newSpec),
    deprecated: deprecatedSchemas(oldSpec, newSpec),
    schemaImpact: [],
  };
  for (const code of report.errorCodes.removed) report.breaking.push(`error code ${code} removed`);
  for (const name of report.securitySchemes.removed) report.breaking.push(`security scheme ${name} removed`);
  const sa0 = oldSpec.components?.schemas ?? {};
  const sb0 = newSpec.components?.schemas ?? {};
  const changedSchemas = new Set(
    Object.keys(sb0).filter((name) => name in sa0 && JSON.stringify(sa0[name]) !== JSON.stringify(sb0[name])),
  );
  const impact = new Map();
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
    const pa = new Map(params(oldSpec, a).map((p) => [`${p.in}:${p.name}`, p]));
    const pb = new Map(params(newSpec, b).map((p) => [`${p.in}:${p.name}`, p]));
    for (const p of pb.values()) {
      const old = pa.get(`${p.in}:${p.name}`);
      if (!old && p.required) out.breaking.push(`${id}: new required ${p.in} parameter ${p.name}`);
      else if (!old) out.changes.push(`${id}: new ${p.in} parameter ${p.name}`);
      else if (p.required && !old.required) out.breaking.push(`${id}: ${p.in} parameter ${p.name} now required`);
      else if (old.schema && p.schema)
        compareSchemas(oldSpec, newSpec, old.schema, p.schema, `${id} ${p.in}.${p.name}`, "request", out);
      if (p.deprecated === true && old?.deprecated !== true)
        report.deprecated.push(`${id}: ${p.in} parameter ${p.name}`);
    }
    // A typed SDK rejects a parameter the operation no longer has: callers passing it break.
    for (const [key, p] of pa) if (!pb.has(key)) out.breaking.push(`${id}: ${p.in} parameter ${p.name} removed`);
    if (b.op.deprecated === true && a.op.deprecated !== true) report.deprecated.push(`operation ${id}`);
    compareSecurity(oldSpec, newSpec, a, b, id, out);
    compareMediaTypes(oldSpec, newSpec, a, b, id, out);
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
      // Fields are compared within one media type; a media type gone is reported as such (compareMediaTypes).
      const sa = jsonSchema(oldSpec, res);
      const sb = sameMedia(oldSpec, res, newSpec, other) && jsonSchema(newSpec, other);
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
        // Unchanged but for the shared schemas it names: counted under those schemas, not listed here.
        if (JSON.stringify(shallow(oldSpec, before)) === JSON.stringify(shallow(newSpec, res))) {
          for (const name of schemaRefs(newSpec, shallow(newSpec, res))) {
            if (!changedSchemas.has(name)) continue;
            const uses = impact.get(name) ?? { responses: 0, operations: new Set() };
            uses.responses++;
            uses.operations.add(id);
            impact.set(name, uses);
          }
        } else out.changes.push(`${id}: response ${status} changed`);
      }
    }
    // Deprecation is reported on its own (report.deprecated), security and media types above.
    const plain = ({ description: _d, summary: _s, deprecated: _x, ...op }) => JSON.stringify(op);
    const structural = plain(a.op) !== plain(b.op);
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
  report.schemaImpact = [...impact].map(([schema, uses]) => ({
    schema,
    responses: uses.responses,
    operations: uses.operations.size,
  }));
  report.breaking = [...new Set(report.breaking)];
  return report;
}

/** The report as lines a person reads in a terminal or a CI log. */
export function formatReport(report) {
  const lines = [];
  if (isEmptyReport(report)) return "No change: the new spec describes the same API.";
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
  section("Error codes added", report.errorCodes?.added ?? []);
  section("Error codes removed [BREAKING]", report.errorCodes?.removed ?? []);
  section("Security schemes added", report.securitySchemes?.added ?? []);
  section("Security schemes removed [BREAKING]", report.securitySchemes?.removed ?? []);
  section("Security schemes changed", report.securitySchemes?.changed ?? []);
  section("Deprecated", report.deprecated ?? []);
  const reach = new Map((report.schemaImpact ?? []).map((i) => [i.schema, i]));
  section(
    "Schemas changed",
    report.schemas.map((line) => {
      const uses = reach.get(line.replace(/: changed$/, ""));
      return uses ? `${line} (in ${uses.responses} responses of ${uses.operations} operations)` : line;
    }),
  );
  lines.push(
    report.breaking.length
      ? `${report.breaking.length} breaking change(s):\n${report.breaking.map((b) => `  - ${b}`).join("\n")}`
      : "No breaking change.",
  );
  return lines.join("\n");
}
