// src/generated/methods.ts: one documented method per operation, and the named
// types of its parameters and result. The editor is the first documentation a user
// reads, so everything the spec says of an operation goes into the method's JSDoc:
// summary, description, the key it needs, `@throws` per documented error status,
// `@deprecated`, and an `@example` built from the spec's own examples (the test in
// test/editor/method-examples.test.ts type-checks every one of them).
//
// The methods are declared (an interface merged into the \`ChirpOperations\` class),
// not implemented: \`Chirp\` installs one shared call path per operation when the
// first client is built, so 76 methods cost a bundle a loop, not 76 bodies, and the
// JavaScript carries none of this documentation.

import { methodGroups, withGroup } from "./method-groups.mjs";
import { sample } from "./sample.mjs";
import { deref, eachOperation, errorClassName, errorCodes, inlineRefs, pascalCase } from "./spec.mjs";

/** Which client option holds the key a security scheme names (the runtime reads the same rule from src/auth.ts). */
const KEY_DOC = {
  appAuth: "an app key (`appKey`: `sk_live_app_…`, or `sk_test_app_…` for test mode)",
  adminAuth: "an admin key (`adminKey`: `sk_admin_…`)",
};

/** Members of `Chirp` itself: an operationId equal to one of them would hide it. */
const RESERVED = new Set([
  "request",
  "withResponse",
  "paginate",
  "sendSmsBatch",
  "constructor",
  "baseUrl",
  "isTestMode",
  "rateLimiter",
]);

/** Text safe inside a JSDoc block (`*\/` would end it). */
const doc = (text) => String(text).replaceAll("*/", "*\\/").trim();

function jsonContent(spec, container) {
  const content = deref(spec, container)?.content;
  return content?.["application/json"];
}

/** `components["schemas"]["X"]` when the JSON schema is a plain $ref to a schema, else the operations index. */
function schemaType(media, fallback) {
  const ref = media?.schema?.$ref;
  if (typeof ref === "string" && /^#\/components\/schemas\/[^/]+$/.test(ref)) {
    return `components["schemas"][${JSON.stringify(ref.split("/").pop())}]`;
  }
  return fallback;
}

const wrapReadable = (type) => `Readable<${type}>`;

function paramsOf(spec, op, pathItem) {
  return [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p));
}

/**
 * One `readonly name: T` (or `name?: T`) line of the params type, with its doc; none
 * for a slot the operation does not have (an object literal with it fails anyway, as
 * an excess property), so that the hover shows only what can be passed.
 */
function slot(name, type, state, what) {
  if (state === "none") return [];
  // Path and query parameters are flat records of scalars: spelled out already.
  const readable = name === "body" ? `Readable<${type}>` : type;
  return [
    `  /** ${what}. */`,
    `  readonly ${name}${state === "required" ? `: ${readable}` : `?: ${readable} | undefined`};`,
  ];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `value` as TypeScript source: identifier keys bare, short arrays of scalars on one line. */
function literal(value, indent = "") {
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, `${indent}  `));
    const flat = `[${items.join(", ")}]`;
    if (flat.length <= 60 && !flat.includes("\n")) return flat;
    return `[\n${items.map((i) => `${indent}  ${i},`).join("\n")}\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (!entries.length) return "{}";
    const lines = entries.map(
      ([k, v]) => `${indent}  ${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v, `${indent}  `)},`,
    );
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function describeOp(spec, { path, method, op, pathItem }, knownCodes) {
  const id = op.operationId;
  const Name = pascalCase(id);
  if (RESERVED.has(id)) throw new Error(`operationId ${id} clashes with a member of Chirp`);
  const params = paramsOf(spec, op, pathItem);
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const body = op.requestBody ? deref(spec, op.requestBody) : undefined;
  const bodyMedia = body && jsonContent(spec, body);
  const state = (list) => (list.length === 0 ? "none" : list.some((p) => p.required) ? "required" : "optional");
  const bodyState = !bodyMedia ? "none" : body.required ? "required" : "optional";
  const success = Object.keys(op.responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort()[0];
  const successMedia = jsonContent(spec, op.responses[success]);

  const opIndex = `operations[${JSON.stringify(id)}]`;
  const names = (list) => list.map((p) => `\`${p.name}\``).join(", ");
  const fields = [
    ...slot("path", `${opIndex}["parameters"]["path"]`, state(pathParams), `Path parameters: ${names(pathParams)}`),
    ...slot(
      "query",
      `${opIndex}["parameters"]["query"]`,
      state(queryParams),
      `Query parameters: ${names(queryParams)}`,
    ),
    ...slot(
      "body",
      schemaType(bodyMedia, `${opIndex}["requestBody"]["content"]["application/json"]`),
      bodyState,
      "The JSON request body",
    ),
  ];
  const paramsType = fields.length ? `{\n${fields.join("\n")}\n} & CallOptions` : "CallOptions";
  const resultType = successMedia
    ? wrapReadable(schemaType(successMedia, `${opIndex}["responses"][${success}]["content"]["application/json"]`))
    : "undefined";
  const required = [pathParams, queryParams].some((l) => state(l) === "required") || bodyState === "required";

  // The example call: required parameters and the body the spec's examples give.
  const example = {};
  const pick = (list) => {
    const out = {};
    for (const p of list.filter((x) => x.required)) out[p.name] = p.example ?? sample(inlineRefs(spec, p.schema ?? {}));
    return out;
  };
  if (pathParams.length) example.path = pick(pathParams);
  if (queryParams.some((p) => p.required)) example.query = pick(queryParams);
  if (bodyMedia) {
    const named = bodyMedia.examples ? Object.values(bodyMedia.examples)[0] : undefined;
    example.body =
      bodyMedia.example ?? (named && deref(spec, named).value) ?? sample(inlineRefs(spec, bodyMedia.schema));
  }
  const args = Object.keys(example).length ? literal(example) : "";
  const exampleText = `const result = await chirp.${id}(${args});`
    .split("\n")
    .map((l) => ` * ${l}`.trimEnd())
    .join("\n");

  // @throws: per documented error status, the classes its description or named examples name.
  const throws = [];
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    if (!/^[45]\d\d$/.test(status)) continue;
    const r = deref(spec, response);
    const media = r.content?.["application/json"];
    const named = Object.values(media?.examples ?? {}).map((e) => deref(spec, e)?.value?.error?.code);
    const mentioned = [...String(r.description ?? "").matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]);
    const codes = [...new Set([...named, ...mentioned])].filter((c) => knownCodes.has(c));
    const classes =
      status === "429" ? ["RateLimitError"] : codes.length ? codes.map(errorClassName) : ["ChirpApiError"];
    throws.push(` * @throws {${classes.join(" | ")}} ${status}: ${doc(r.description ?? "").replaceAll("\n", " ")}`);
  }

  const lines = [
    `/**`,
    ` * ${doc(op.summary ?? id)}`,
    ...(op.description && op.description !== op.summary
      ? [
          ` *`,
          ...doc(op.description)
            .split("\n")
            .map((l) => ` * ${l}`),
        ]
      : []),
    ` *`,
    ` * \`${method.toUpperCase()} ${path}\` — needs ${KEY_DOC[op.security?.[0] ? Object.keys(op.security[0])[0] : ""] ?? "no key"}.`,
    ...(op.externalDocs?.url ? [` * @see ${op.externalDocs.url}`] : []),
    ...(op.deprecated ? [` * @deprecated The spec marks this operation deprecated.`] : []),
    ` * @throws {ChirpConfigError} Before sending, when the client holds no key of the kind above.`,
    ...throws,
    ` * @example`,
    ` * \`\`\`ts`,
    exampleText,
    ` * \`\`\``,
    ` */`,
  ];
  return {
    id,
    Name,
    paramsType,
    resultType,
    required,
    jsdoc: lines
      .join("\n")
      .split("\n")
      .map((l) => `  ${l}`.trimEnd())
      .join("\n"),
    summary: doc(op.summary ?? id),
  };
}

/** The text of src/generated/methods.ts for `spec`, after `header`. */
export function methodsFile(spec, header) {
  const knownCodes = new Set(errorCodes(spec).codes);
  // Each method's reference group (the spec's tag a reader looks under): see method-groups.mjs.
  const groups = methodGroups(spec);
  const ops = [...eachOperation(spec)]
    .map((o) => describeOp(spec, o, knownCodes))
    .map((o) => ({ ...o, jsdoc: withGroup(o.jsdoc, groups, o.id) }));
  const types = ops
    .map(
      (o) => `/** The parameters of {@link ChirpOperations.${o.id}} (${o.summary}). */
export type ${o.Name}Params = ${o.paramsType};
/** What {@link ChirpOperations.${o.id}} resolves to: the body of its success response. */
export type ${o.Name}Result = ${o.resultType};`,
    )
    .join("\n\n");
  const methods = ops
    .map((o) => `${o.jsdoc}\n  ${o.id}(params${o.required ? "" : "?"}: ${o.Name}Params): Promise<${o.Name}Result>;`)
    .join("\n\n");
  const byName = (suffix) => ops.map((o) => `  ${o.id}: ${o.Name}${suffix};`).join("\n");
  return `${header}import type { CallOptions, OperationArgs, OperationResult, Readable } from "../types.js";
import type { components, operations } from "./openapi.js";
import type { OperationId } from "./operations.js";

${types}

/** Every operation's named parameters type, by operationId (for generic code; see also \`OperationParams<K>\`). */
export interface ParamsByOperation {
${byName("Params")}
}

/** Every operation's named result type, by operationId (for generic code; see also \`OperationResult<K>\`). */
export interface ResultByOperation {
${byName("Result")}
}

/**
 * One method per operation of the Chirp API (${ops.length} today), named by its operationId.
 * Declared here, with everything the spec says of it, and installed at run time by
 * \`Chirp\` (src/client.ts) as a one-line call of \`request\` per operation: the
 * declarations cost a bundle nothing, and all methods share one call path.
 */
export interface ChirpOperations {
${methods}
}

/** The base of \`Chirp\`: its operation methods are declared by the interface of the same name. */
export abstract class ChirpOperations {
  /** Calls operation \`operationId\` and resolves to its success body (implemented by \`Chirp\`). */
  abstract request<K extends OperationId>(operationId: K, ...args: OperationArgs<K>): Promise<OperationResult<K>>;
}
`;
}
