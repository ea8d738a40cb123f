#!/usr/bin/env node
// node scripts/error-reference.mjs [out.md]
//
// The error-code reference as Markdown: for every code of the spec's ApiError
// envelope, its HTTP status(es) and type, the SDK class thrown for it, what it means
// and what to do. Statuses come from the spec's responses, prose from
// scripts/error-docs.json (see scripts/lib/error-docs.mjs). `npm run docs` includes
// the page in the API reference; with no argument the Markdown goes to stdout.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeErrorCodes, docUrlBase } from "./lib/error-docs.mjs";
import { errorCodes } from "./lib/spec.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** `snake_case_name` as inline HTML code that may wrap after each `_`. */
const breakable = (name) => `<code>${name.replaceAll("_", "_<wbr>")}</code>`;

/** The reference page for `spec`, as Markdown (deterministic: a pure function of the spec and the prose). */
export function errorReference(spec) {
  const entries = describeErrorCodes(spec);
  const { types } = errorCodes(spec);
  const page = docUrlBase(spec);
  // Codes and types may break after `_` (<wbr>), so that the table fits the content column
  // of the reference at 1280 px without breaking a word (test/docs/reference-browser.test.ts).
  const rows = entries.map(
    (e) =>
      `| [${breakable(e.code)}](#${e.code}) | ${e.statuses.join(", ") || "—"} | ${e.type ? breakable(e.type) : "—"} | {@link "chirp-sdk".${e.className}:var | ${e.className}} |`,
  );
  const sections = entries.map((e) =>
    [
      `### ${e.code}`,
      "",
      `- **HTTP status:** ${e.statuses.join(" or ") || "not documented by the spec"}`,
      `- **Type:** ${e.type ? `\`${e.type}\`` : "not documented"}`,
      `- **Class:** {@link "chirp-sdk".${e.className}:var | ${e.className}} (also \`instanceof\` the family of the answer's type, e.g. {@link "chirp-sdk".InvalidRequestError})`,
      "",
      `**Meaning.** ${e.meaning}${e.documented || !e.described ? "" : " _(Chirp documents this code without a description; read from its name.)_"}`,
      "",
      `**What to do.** ${e.action}`,
      ...(e.docUrl ? ["", `Chirp's page: <${e.docUrl}>`] : []),
    ].join("\n"),
  );
  return `---
title: Error codes
---

# Error codes

Every \`error.code\` the Chirp API documents (${entries.length}), generated from the OpenAPI document's \`ApiError\`
schema and responses. Each code is thrown as its own class; the class is also an instance of its family
(${types.map((t) => `\`${t}\``).join(", ")} → {@link "chirp-sdk".InvalidRequestError}, {@link "chirp-sdk".AuthenticationError},
{@link "chirp-sdk".ProviderError}, {@link "chirp-sdk".ApiServerError}), and every 429 is a {@link "chirp-sdk".RateLimitError}. A status is listed where the
spec's responses name the code; the same code can arrive under another status or type, so branch on the class or
\`code\`, not on the status.${page ? ` Chirp's own page: <${page}>.` : ""}

| code | HTTP | type | class |
|---|---|---|---|
${rows.join("\n")}

${sections.join("\n\n")}
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));
  const text = errorReference(spec);
  const out = process.argv[2];
  if (out) {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(resolve(out), text);
  } else process.stdout.write(text);
}
