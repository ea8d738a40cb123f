// What each ApiError code means, for the generated error classes and the error-code
// reference page. The prose lives in scripts/error-docs.json (paraphrased from Chirp's
// error-code pages); the statuses come from the spec's responses and the class name
// from the code, so a spec update changes them by regeneration alone.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GenerationRefusal } from "./naming.mjs";
import { errorClassName, errorCodeExampleTypes, errorCodeStatuses, errorCodes } from "./spec.mjs";

const DOCS_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "error-docs.json");

/**
 * The prose of scripts/error-docs.json, by code: a null-prototype object, so that a
 * code named like an `Object.prototype` member (`constructor`, `toString`) finds its
 * own entry or none, never an inherited function.
 */
export function loadErrorDocs(file = DOCS_FILE) {
  return Object.assign(Object.create(null), JSON.parse(readFileSync(file, "utf8")).codes);
}

/** The prose of `code`, by own key only (`docs` may be a plain object a test passes). */
const proseOf = (docs, code) => (Object.hasOwn(docs, code) ? docs[code] : undefined);

// A code new in the spec still gets a class and a page by regeneration alone; its
// text says that nobody has described it yet (see `missingErrorDocs`).
const UNDESCRIBED = {
  type: null,
  documented: false,
  meaning: "A code the spec lists that scripts/error-docs.json does not describe yet.",
  action: "See Chirp's error-code page for this code; `serverMessage` says what went wrong.",
};

/** Codes of the spec without prose in error-docs.json, and prose for codes the spec no longer has. */
export function missingErrorDocs(spec, docs = loadErrorDocs()) {
  const { codes } = errorCodes(spec);
  return {
    undescribed: codes.filter((c) => !proseOf(docs, c)),
    stale: Object.keys(docs).filter((c) => !codes.includes(c)),
  };
}

/**
 * One entry per code of the spec, in the spec's order: `{ code, className, statuses,
 * type, meaning, action, documented, described, docUrl }`. A code without prose gets a plain
 * "not described yet" text. Throws when the prose's type contradicts the spec's own
 * examples, or when two codes (or a code and a hand-written class in `reserved`)
 * would share a class name.
 */
export function describeErrorCodes(spec, { docs = loadErrorDocs(), reserved = [] } = {}) {
  const { codes, types } = errorCodes(spec);
  const statuses = errorCodeStatuses(spec);
  const exampleTypes = errorCodeExampleTypes(spec);
  const docBase = docUrlBase(spec);
  const names = new Map(reserved.map((n) => [n, "a hand-written class"]));
  return codes.map((code) => {
    const d = proseOf(docs, code) ?? UNDESCRIBED;
    const seen = exampleTypes.get(code) ?? new Set();
    const type = d.type ?? (seen.size === 1 ? [...seen][0] : null);
    if (type !== null && !types.includes(type)) throw new Error(`${code}: unknown type ${type}`);
    if (type !== null && seen.size && !seen.has(type))
      throw new Error(`${code}: error-docs.json says ${type}, the spec's examples say ${[...seen].join(", ")}`);
    if (!d.meaning || !d.action) throw new Error(`${code}: error-docs.json needs "meaning" and "action"`);
    const className = errorClassName(code);
    if (names.has(className)) {
      throw new GenerationRefusal(
        `error code ${code} → ${className}, already the name of ${names.get(className)}`,
        "components.schemas.ApiError",
        "the naming rule (scripts/lib/naming.mjs) needs an exception for this code",
      );
    }
    names.set(className, `code ${code}`);
    return {
      code,
      className,
      statuses: statuses.get(code) ?? [],
      type,
      meaning: d.meaning,
      action: d.action,
      documented: d.documented !== false,
      described: Boolean(proseOf(docs, code)),
      docUrl: docBase ? `${docBase}#${code}` : undefined,
    };
  });
}

/** The error-code page, from the `doc_url` example of the ApiError schema (its part before `#`). */
export function docUrlBase(spec) {
  const example = spec.components?.schemas?.ApiError?.properties?.error?.properties?.doc_url?.example;
  return typeof example === "string" && example.includes("#") ? example.split("#")[0] : undefined;
}
