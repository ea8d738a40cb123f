// The catalogue behind chirp-sdk/testing's createSandbox(): everything the in-process
// sandbox needs to answer like Chirp, compiled from the spec at generate time so that
// nothing parses the spec, fakes data or starts Prism when a test runs.
//
// Per operation: method, path template, key kind (app/admin/none, and whether a test key
// is required — the Playground), a compact request description the sandbox validates
// against (JSON Schema keywords that constrain, nothing that documents), the documented
// statuses with their named examples, the error codes their descriptions name, their
// documented headers, and a success sample built from the schema's own examples.
import { describeErrorCodes } from "./error-docs.mjs";
import { sample } from "./sample.mjs";
import { deref, describeOperations, eachOperation, errorCodes, inlineRefs } from "./spec.mjs";

/** The JSON Schema keywords that constrain a value; descriptions and examples are dropped. */
const KEEP = [
  "type",
  "enum",
  "const",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "required",
];

/** `schema` (refs inlined) cut down to the keywords a validator needs. */
export function compactSchema(schema) {
  if (!schema || typeof schema !== "object") return {};
  const out = {};
  for (const k of KEEP) if (schema[k] !== undefined) out[k] = schema[k];
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, compactSchema(v)]));
  }
  if (schema.items) out.items = compactSchema(schema.items);
  if (schema.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof schema.additionalProperties === "object"
        ? compactSchema(schema.additionalProperties)
        : schema.additionalProperties;
  }
  for (const k of ["oneOf", "anyOf", "allOf"]) if (Array.isArray(schema[k])) out[k] = schema[k].map(compactSchema);
  return out;
}

function jsonMedia(spec, container) {
  const content = deref(spec, container)?.content ?? {};
  return content["application/json"] ?? Object.values(content)[0];
}

/** The key kind a security scheme asks for: the scheme name without its `Auth` suffix (`appAuth` → `app`). */
function keyKind(scheme) {
  if (scheme === null) return null;
  return scheme.replace(/Auth$/, "");
}

/** True when an error response of `op` says a live key is refused with `test_app_required`. */
function needsTestKey(spec, op) {
  return Object.values(op.responses ?? {}).some((r) =>
    String(deref(spec, r)?.description ?? "").includes("`test_app_required`"),
  );
}

/**
 * The error type Chirp sends with a code (from the docs and examples), else the type
 * API-BEHAVIOUR.md §1.2 gives a status.
 */
function typeFor(status, code, codeTypes) {
  if (code && codeTypes.get(code)) return codeTypes.get(code);
  if (status === 401 || status === 403) return "authentication_error";
  if (status === 402) return "provider_error";
  if (status >= 500 || status === 424) return "api_error";
  return "invalid_request_error";
}

/** One operation's entry. */
function entry(spec, info, op, pathItem, knownCodes, codeTypes) {
  const params = [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]
    .map((p) => deref(spec, p))
    .filter((p) => p.in === "path" || p.in === "query")
    .map((p) => ({
      name: p.name,
      in: p.in,
      required: Boolean(p.required || p.in === "path"),
      schema: compactSchema(inlineRefs(spec, p.schema ?? {})),
    }));
  const bodyMedia = op.requestBody ? jsonMedia(spec, op.requestBody) : undefined;
  const responses = {};
  for (const [status, ref] of Object.entries(op.responses ?? {})) {
    if (!/^\d{3}$/.test(status)) continue;
    const response = deref(spec, ref);
    const media = jsonMedia(spec, response);
    const examples = {};
    for (const [name, ex] of Object.entries(media?.examples ?? {})) examples[name] = deref(spec, ex)?.value;
    const headers = {};
    for (const [name, h] of Object.entries(response.headers ?? {})) {
      const schema = deref(spec, deref(spec, h)?.schema);
      headers[name] = schema?.example ?? null;
    }
    const description = String(response.description ?? "");
    // In the order the description names them: its first code is the answer's default.
    const codes = knownCodes
      .filter((c) => description.includes(`\`${c}\``))
      .sort((a, b) => description.indexOf(`\`${a}\``) - description.indexOf(`\`${b}\``));
    for (const ex of Object.values(examples)) {
      const code = ex?.error?.code;
      if (typeof code === "string" && !codes.includes(code)) codes.push(code);
    }
    const n = Number(status);
    responses[status] = {
      examples,
      headers,
      codes: codes.map((code) => ({ code, type: typeFor(n, code, codeTypes) })),
      type: typeFor(n, null, codeTypes),
      description: description.split(/(?<=\.)\s/)[0],
    };
  }
  const successMedia = jsonMedia(spec, op.responses[info.status]);
  const success = successMedia?.schema ? sample(inlineRefs(spec, successMedia.schema)) : null;
  return {
    method: info.method,
    path: info.path,
    key: keyKind(info.security),
    testKeyOnly: needsTestKey(spec, op),
    status: info.status,
    params,
    body: bodyMedia?.schema ? compactSchema(inlineRefs(spec, bodyMedia.schema)) : null,
    bodyRequired: Boolean(op.requestBody?.required ?? bodyMedia),
    phoneFields: info.phoneFields ?? [],
    list: info.list ?? null,
    success,
    responses,
  };
}

/** operationId → catalogue entry, in document order. */
export function sandboxCatalogue(spec) {
  const infos = new Map(describeOperations(spec).map((o) => [o.operationId, o]));
  const { codes } = errorCodes(spec);
  const codeTypes = new Map(describeErrorCodes(spec).map((e) => [e.code, e.type]));
  const out = {};
  for (const { op, pathItem } of eachOperation(spec)) {
    out[op.operationId] = entry(spec, infos.get(op.operationId), op, pathItem, codes, codeTypes);
  }
  const docUrl = spec.components?.schemas?.ApiError?.properties?.error?.properties?.doc_url?.example;
  return { operations: out, docUrlBase: typeof docUrl === "string" ? docUrl.split("#")[0] : null };
}

/**
 * The catalogue as shipped: the answers many operations share (401, 429, 500, …) stored
 * once in `answers` and named by index, which keeps the package small (it ships twice,
 * ESM and CJS). src/testing/sandbox/catalogue.ts expands it back.
 */
export function packedCatalogue(catalogue) {
  const answers = [];
  const index = new Map();
  const operations = {};
  for (const [id, op] of Object.entries(catalogue.operations)) {
    const responses = {};
    for (const [status, response] of Object.entries(op.responses)) {
      const key = JSON.stringify(response);
      if (!index.has(key)) {
        index.set(key, answers.length);
        answers.push(response);
      }
      responses[status] = index.get(key);
    }
    operations[id] = { ...op, responses };
  }
  return { operations, answers, docUrlBase: catalogue.docUrlBase };
}

/** src/generated/sandbox-catalogue.ts; `header` is generate.mjs's "do not edit" banner. */
export function sandboxCatalogueFile(spec, header) {
  const catalogue = packedCatalogue(sandboxCatalogue(spec));
  const count = Object.keys(catalogue.operations).length;
  // One line of JSON, no pretty-printing, since the package ships it twice (ESM, CJS) — and
  // as a string that JSON.parse reads once, not as an object literal: the type-checker sees
  // one string instead of typing every nested object (45,000 types and 50 MB of a 20× spec's
  // type-check, bench/scale.mjs), and engines parse JSON faster than the same literal.
  const json = JSON.stringify(catalogue).replaceAll("\\", "\\\\").replaceAll("'", "\\'");
  return `${header("The sandbox's catalogue: per operation its route, key kind, request rules, documented answers (scripts/lib/sandbox-catalogue.mjs).")}import type { PackedCatalogue } from "../testing/sandbox/catalogue-types.js";

/** Every operation (${count} today) as createSandbox() plays it, shared answers stored once. Imported only by chirp-sdk/testing. */
export const packedSandboxCatalogue: PackedCatalogue = JSON.parse('${json}');
`;
}
