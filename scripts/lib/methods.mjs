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
import { errorClassName, methodNames, propertyKey, typeName } from "./naming.mjs";
import { sample } from "./sample.mjs";
import {
  deref,
  describeOperations,
  eachOperation,
  errorCodes,
  inlineRefs,
  isJson,
  requestMediaType,
  responseKind,
  securityScheme,
} from "./spec.mjs";

/** Which client option holds the key a security scheme names (the runtime reads the same rule from src/auth.ts). */
const KEY_DOC = {
  appAuth: "an app key (`appKey`: `sk_live_app_...`, or `sk_test_app_...` for test mode)",
  adminAuth: "an admin key (`adminKey`: `sk_admin_...`)",
};

/**
 * What the method's doc says an operation needs, and when it throws `ChirpConfigError`.
 * A scheme src/auth.ts cannot satisfy yet (an `oauth2` added upstream) is named as
 * what it is — never "no key" — and documented as refused before sending.
 */
function keyDoc(spec, scheme) {
  if (scheme === null) return { needs: "no key", config: undefined };
  if (Object.hasOwn(KEY_DOC, scheme)) {
    return { needs: KEY_DOC[scheme], config: "Before sending, when the client holds no key of the kind above." };
  }
  const declared = spec.components?.securitySchemes?.[scheme];
  const kind = declared && typeof declared === "object" ? deref(spec, declared)?.type : undefined;
  return {
    needs: `the \`${scheme}\` security scheme${kind ? ` (${kind})` : ""}, which this SDK does not support yet`,
    config: `Always, before sending: this SDK cannot authenticate with \`${scheme}\` yet.`,
  };
}

/** A value of the generated `@example` that stands for a binary part: written as `new Blob([…])`. */
const BLOB = Symbol("blob");

// The generator's own words in methods.ts are ASCII ("...", not an ellipsis; ":" not a
// dash): V8 holds a string with only Latin-1 characters at one byte per character, and
// one "—" made every app's compiler hold the whole declaration file (3.4 MB at 20× the
// spec) at two (issue 22, bench/scale.mjs). Text from the spec is kept as it is.

/** Text safe inside a JSDoc block (`*\/` would end it). */
const doc = (text) => String(text).replaceAll("*/", "*\\/").trim();

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
  // Path, query, header and cookie parameters are flat records of scalars: spelled out already.
  const readable = name === "body" ? `Readable<${type}>` : type;
  return [
    `  /** ${what}. */`,
    `  readonly ${name}${state === "required" ? `: ${readable}` : `?: ${readable} | undefined`};`,
  ];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `value` as TypeScript source: identifier keys bare, short arrays of scalars on one line. */
function literal(value, indent = "") {
  if (value === BLOB) return 'new Blob(["..."], { type: "image/png" })';
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

/** The names of a body schema's binary properties (`format: binary`, or `contentMediaType` without an encoding). */
function binaryFields(schema) {
  return Object.entries(schema?.properties ?? {})
    .filter(([, p]) => {
      const item = p?.type === "array" ? p.items : p;
      return item?.format === "binary" || (typeof item?.contentMediaType === "string" && !item.contentEncoding);
    })
    .map(([name, p]) => [name, p?.type === "array"]);
}

/** What the JSDoc calls a body of `mediaType`. */
const BODY_DOC = {
  "multipart/form-data": "The request body, sent as `multipart/form-data` (a `Blob` or `File` for each file part)",
  "application/x-www-form-urlencoded": "The request body, sent as `application/x-www-form-urlencoded`",
};

function describeOp(spec, { path, method, op, pathItem }, knownCodes, name) {
  const id = op.operationId;
  const Name = typeName(name);
  const params = paramsOf(spec, op, pathItem);
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const headerParams = params.filter((p) => p.in === "header");
  const cookieParams = params.filter((p) => p.in === "cookie");
  const body = op.requestBody ? deref(spec, op.requestBody) : undefined;
  const bodyType = requestMediaType(spec, op);
  const bodyMedia = bodyType ? body.content[bodyType] : undefined;
  const state = (list) => (list.length === 0 ? "none" : list.some((p) => p.required) ? "required" : "optional");
  const bodyState = !bodyMedia ? "none" : body.required ? "required" : "optional";
  const success = Object.keys(op.responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort()[0];
  const successKind = responseKind(spec, op.responses[success]);
  const successContent = deref(spec, op.responses[success])?.content ?? {};
  const successType =
    Object.keys(successContent).find((t) => t === "application/json") ?? Object.keys(successContent).find(isJson);
  const successMedia = successType ? successContent[successType] : undefined;
  const key = keyDoc(spec, securityScheme(spec, op));

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
    // Header and cookie parameters, as the spec names them: sent as headers / one
    // `cookie` header (src/call/2-request.ts); required where the spec says.
    ...slot(
      "header",
      `${opIndex}["parameters"]["header"]`,
      state(headerParams),
      `Header parameters: ${names(headerParams)}`,
    ),
    ...slot(
      "cookie",
      `${opIndex}["parameters"]["cookie"]`,
      state(cookieParams),
      `Cookie parameters: ${names(cookieParams)}`,
    ),
    ...slot(
      "body",
      schemaType(bodyMedia, `${opIndex}["requestBody"]["content"][${JSON.stringify(bodyType)}]`),
      bodyState,
      bodyType && isJson(bodyType)
        ? "The JSON request body"
        : (BODY_DOC[bodyType] ?? `The request body, sent as \`${bodyType}\``),
    ),
  ];
  const paramsType = fields.length ? `{\n${fields.join("\n")}\n} & CallOptions` : "CallOptions";
  // A body that is not JSON is read as the spec's media type says (src/call/5-read.ts).
  const resultType =
    successKind === "text"
      ? "string"
      : successKind === "blob"
        ? "Blob"
        : successMedia
          ? wrapReadable(
              schemaType(
                successMedia,
                `${opIndex}["responses"][${success}]["content"][${JSON.stringify(successType)}]`,
              ),
            )
          : "undefined";
  const required =
    [pathParams, queryParams, headerParams, cookieParams].some((l) => state(l) === "required") ||
    bodyState === "required";

  // The example call: required parameters and the body the spec's examples give.
  const example = {};
  const pick = (list) => {
    const out = {};
    for (const p of list.filter((x) => x.required)) out[p.name] = p.example ?? sample(inlineRefs(spec, p.schema ?? {}));
    return out;
  };
  if (pathParams.length) example.path = pick(pathParams);
  if (queryParams.some((p) => p.required)) example.query = pick(queryParams);
  if (headerParams.some((p) => p.required)) example.header = pick(headerParams);
  if (cookieParams.some((p) => p.required)) example.cookie = pick(cookieParams);
  if (bodyMedia) {
    const named = bodyMedia.examples ? Object.values(bodyMedia.examples)[0] : undefined;
    const schema = bodyMedia.schema ? inlineRefs(spec, bodyMedia.schema) : {};
    example.body = bodyMedia.example ?? (named && deref(spec, named).value) ?? sample(schema);
    // A file part of a form is a Blob in the call, whatever text the spec's sample has.
    if (example.body && typeof example.body === "object") {
      example.body = { ...example.body };
      for (const [field, many] of binaryFields(schema)) {
        if (field in example.body || schema.required?.includes(field)) example.body[field] = many ? [BLOB] : BLOB;
      }
    }
  }
  const args = Object.keys(example).length ? literal(example) : "";
  const exampleText = `const result = await chirp.${name}(${args});`
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
    // Any spelling of a code (`quota-exceeded`, `constructor`): a quoted word counts when the spec lists it.
    const mentioned = [...String(r.description ?? "").matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
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
    ` * \`${method.toUpperCase()} ${path}\`: needs ${key.needs}.`,
    ...(id !== name
      ? [` * The spec's operationId is \`${id}\` (\`request(${JSON.stringify(id)}, ...)\` calls it too).`]
      : []),
    ...(op.externalDocs?.url ? [` * @see ${op.externalDocs.url}`] : []),
    ...(op.deprecated ? [` * @deprecated The spec marks this operation deprecated.`] : []),
    ...(key.config ? [` * @throws {ChirpConfigError} ${key.config}`] : []),
    ...throws,
    ` * @example`,
    ` * \`\`\`ts`,
    exampleText,
    ` * \`\`\``,
    ` */`,
  ];
  return {
    id,
    name,
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
  const all = [...eachOperation(spec)];
  // The naming rule (scripts/lib/naming.mjs): refuses, by name, ids it cannot make methods of.
  const names = methodNames(all.map(({ path, method, op }) => ({ operationId: op.operationId, method, path })));
  // Each method's reference group (the spec's tag a reader looks under): see method-groups.mjs.
  const groups = methodGroups(spec);
  const ops = all
    .map((o) => describeOp(spec, o, knownCodes, names.get(o.op.operationId)))
    .map((o) => ({ ...o, jsdoc: withGroup(o.jsdoc, groups, o.id) }));
  // The named types' docs name their method as code, not as a {@link}: tsc parses every
  // JSDoc comment holding a link (to check it), even in declarations under skipLibCheck,
  // and two links per operation cost an app more memory than all the methods' own docs
  // (at 20x the spec: 4.5 of 42 MiB for methods.d.ts; bench/scale.mjs).
  const types = ops
    .map(
      (o) => `/** The parameters of \`chirp.${o.name}()\` (${o.summary}). */
export type ${o.Name}Params = ${o.paramsType};
/** What \`chirp.${o.name}()\` resolves to: the body of its success response. */
export type ${o.Name}Result = ${o.resultType};`,
    )
    .join("\n\n");
  const methods = ops
    .map((o) => `${o.jsdoc}\n  ${o.name}(params${o.required ? "" : "?"}: ${o.Name}Params): Promise<${o.Name}Result>;`)
    .join("\n\n");
  const byName = (suffix) => ops.map((o) => `  ${propertyKey(o.id)}: ${o.Name}${suffix};`).join("\n");
  // The list operations, spelled out: the same facts as the operation table's \`list\`
  // (both read by describeOperations), but a union an app's compiler reads as it is,
  // where a mapped type over \`OperationTable\` resolved every operation's entry on the
  // first \`paginate\` call (at 20× the spec, most of its check time: bench/scale.mjs).
  const lists = describeOperations(spec)
    .filter((op) => op.list)
    .map((op) => `  | ${JSON.stringify(op.operationId)}`);
  return `${header}import type { CallOptions, OperationArgs, OperationResult, Readable } from "../types.js";
import type { components, operations } from "./openapi.js";
import type { OperationId } from "./operations.js";

${types}

/** The operations that return a list (and so can be iterated with \`paginate\`): ${lists.length} today. */
export type ListOperationId =${lists.length ? `\n${lists.join("\n")}` : " never"};

/** Every operation's named parameters type, by operationId (for generic code; see also \`OperationParams<K>\`). */
export interface ParamsByOperation {
${byName("Params")}
}

/** Every operation's named result type, by operationId (for generic code; see also \`OperationResult<K>\`). */
export interface ResultByOperation {
${byName("Result")}
}

/**
 * One method per operation of the Chirp API (${ops.length} today), named by its operationId
 * (camelCase of it when it is not an identifier: the naming rule in CONTRIBUTING.md).
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
