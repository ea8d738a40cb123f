#!/usr/bin/env node
// node scripts/webhook-reference.mjs [out.md]
//
// The "Webhook events" page of the API reference, as Markdown: every event the spec's
// `WebhookEventType` enum names, the `data` it carries (each field and its type), the
// SDK type an `event.event` check narrows it to, and a minimal handler for it.
//
// Nothing here is retyped: the names come from the spec, and each event's payload is
// what the TypeScript compiler makes of `WebhookEventData<"name">` (src/webhooks/events.ts),
// the same type a handler's `event` has. A field added to the SDK's types, or an event
// added to the spec, shows up here with `npm run docs` alone. `npm run docs` includes the
// page (scripts/docs.mjs); with no argument the Markdown goes to stdout.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { webhookEventTypes } from "./lib/spec.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The types the page links to: exported by `chirp-sdk` (and `chirp-sdk/webhooks`). */
const LINKED = [
  "SmsWebhookMessage",
  "WhatsAppWebhookMessage",
  "CallWebhookCall",
  "TemplateWebhookTemplate",
  "WebhookResource",
  "WebhookApp",
  "WebhookErrorObject",
];

/**
 * `name → [{ field, optional, type }]` for the `data` of each event in `names`, and
 * whether the event always carries `eventId`: read from src/webhooks/events.ts with
 * the compiler (a throwaway program over one virtual file that names each type).
 */
export function eventPayloads(names) {
  const dir = join(root, "src/webhooks");
  const probe = join(dir, "__webhook_reference__.ts");
  const text = [
    `import type { WebhookEvent, WebhookEventData, ${LINKED.join(", ")} } from "./events.js";`,
    ...LINKED.map((n) => `export type L_${n} = ${n};`),
    ...names.flatMap((n, i) => [
      `export type D${i} = WebhookEventData<${JSON.stringify(n)}>;`,
      `export type E${i} = WebhookEvent<${JSON.stringify(n)}>;`,
    ]),
  ].join("\n");
  const options = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, ...rest) =>
    resolve(file) === probe ? ts.createSourceFile(file, text, ts.ScriptTarget.ES2022) : getSourceFile(file, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => resolve(file) === probe || fileExists(file);
  const program = ts.createProgram([probe], options, host);
  const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(probe));
  if (errors.length) {
    throw new Error(
      `webhook-reference: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`,
    );
  }
  const checker = program.getTypeChecker();
  const aliases = new Map(
    program
      .getSourceFile(probe)
      .statements.filter(ts.isTypeAliasDeclaration)
      .map((s) => [s.name.text, s]),
  );
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  // A field whose type IS one of the SDK's named types is shown by that name, even where
  // the compiler would spell the alias out (`WebhookErrorObject` is an indexed access).
  const named = LINKED.map((n) => [n, checker.getTypeAtLocation(aliases.get(`L_${n}`).name)]);
  // Identity, or the same text once spelled out: mutual assignability would confuse
  // `WebhookApp` with `TemplateWebhookTemplate` (both an id and optional fields).
  const spelled = (t) =>
    checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias);
  const same = (a, b) => a === b || spelled(a) === spelled(b);
  const fieldsOf = (decl) => {
    const type = checker.getTypeAtLocation(decl.name);
    const fields = checker.getPropertiesOfType(type).map((p) => {
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      const t = checker.getTypeOfSymbolAtLocation(p, decl);
      const bare = optional ? checker.getNonNullableType(t) : t;
      const name = named.find(([, n]) => same(bare, n))?.[0];
      return {
        field: p.name,
        optional,
        type: name ?? checker.typeToString(bare, decl, flags),
      };
    });
    // `{ app; [field: string]: unknown }`: the fields Chirp sends that the docs do not show.
    for (const info of checker.getIndexInfosOfType(type)) {
      fields.push({
        field: `[${checker.typeToString(info.keyType)}]`,
        optional: true,
        type: checker.typeToString(info.type),
      });
    }
    return fields;
  };
  return new Map(
    names.map((n, i) => {
      const event = fieldsOf(aliases.get(`E${i}`));
      return [n, { data: fieldsOf(aliases.get(`D${i}`)), eventId: event.find((f) => f.field === "eventId") }];
    }),
  );
}

/** Spec prose as Markdown text: its `*` and `_` are characters, not emphasis. */
const markdownText = (text) => text.trim().replace(/[*_`[\]\\]/g, (c) => `\\${c}`);

/** `type` as Markdown: the SDK's named types linked, the rest as code. */
function typeCell(type) {
  if (LINKED.includes(type)) return `{@link "chirp-sdk".${type} | ${type}}`;
  const parts = type.split(new RegExp(`\\b(${LINKED.join("|")})\\b`));
  return parts
    .map((p, i) => (i % 2 ? `{@link "chirp-sdk".${p} | ${p}}` : p.trim() ? `\`${p.trim()}\`` : ""))
    .filter(Boolean)
    .join(" ");
}

/** The handler example's entry for `name`: reads the event's main field (or its app when it has none). */
function exampleEntry(name, data) {
  const main = data.find((f) => !f.optional && f.field !== "app" && f.field !== "error" && !f.field.startsWith("["));
  const read = main ? `event.data.${main.field}.id` : "event.data.app.id";
  const failed = data.some((f) => f.field === "error" && !f.optional);
  return [
    `    ${JSON.stringify(name)}: async (event) => {`,
    failed ? `      console.warn(${read}, event.data.error.code);` : `      console.log(${read});`,
    "    },",
  ];
}

/** The page for `spec`, as Markdown (deterministic: a function of the spec and src/webhooks/events.ts). */
export function webhookReference(spec) {
  const names = webhookEventTypes(spec);
  const payloads = eventPayloads(names);
  const description = spec.components?.schemas?.WebhookEventType?.description;
  const sections = names.map((name) => {
    const { data, eventId } = payloads.get(name);
    const fields = data.map((f) =>
      f.field.startsWith("[")
        ? `| any other field (not documented) | ${typeCell(f.type)} |`
        : `| \`${f.field}\`${f.optional ? " (optional)" : ""} | ${typeCell(f.type)} |`,
    );
    return [
      `### ${name}`,
      "",
      `Narrowed type: \`WebhookEvent<${JSON.stringify(name)}>\`${eventId && !eventId.optional ? "; always carries `eventId`" : ""}.`,
      "",
      "| `data` field | type |",
      "|---|---|",
      ...fields,
      "",
      "```ts",
      `import { createWebhookHandler } from "chirp-sdk";`,
      "",
      "export const handler = createWebhookHandler({",
      `  secretHeader: "X-Webhook-Secret",`,
      "  secret: process.env.CHIRP_WEBHOOK_SECRET!,",
      "  on: {",
      ...exampleEntry(name, data),
      "  },",
      "});",
      "```",
    ].join("\n");
  });
  const rows = names.map((name) => {
    const { data } = payloads.get(name);
    const main = data.filter((f) => f.field !== "app" && !f.field.startsWith("[")).map((f) => `\`${f.field}\``);
    return `| [\`${name}\`](#${name.replaceAll(".", "")}) | ${main.join(", ") || "—"} |`;
  });
  return `---
title: Webhook events
---

# Webhook events

Every event the Chirp API documents: the ${names.length} names of the spec's \`WebhookEventType\`${description ? ` (“${markdownText(description).replace(/\.$/, "")}”)` : ""}.

A delivery is \`{ event, timestamp, data }\` (plus \`eventId\`). {@link "chirp-sdk".createWebhookHandler | createWebhookHandler}
checks the secret header and calls the handler you register under the event's name with the event already narrowed:
in \`on: { "messages.sms.received": (event) => … }\`, \`event\` is \`WebhookEvent<"messages.sms.received">\`.
{@link "chirp-sdk".Webhooks.unwrap | Webhooks.unwrap} returns the whole union, {@link "chirp-sdk".ChirpWebhookEvent | ChirpWebhookEvent};
\`switch (event.event)\` narrows it the same way. An event newer than this SDK arrives as
{@link "chirp-sdk".UnknownWebhookEvent | UnknownWebhookEvent} (\`event: "unknown"\`, the real name in \`name\`).
Every \`data\` also carries \`app\` ({@link "chirp-sdk".WebhookApp | WebhookApp}); the payload shapes follow
Chirp's webhook guides, since the spec names the events but not their bodies.

| event | \`data\` carries (besides \`app\`) |
|---|---|
${rows.join("\n")}

${sections.join("\n\n")}
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));
  const text = webhookReference(spec);
  const out = process.argv[2];
  if (out) {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(resolve(out), text);
  } else process.stdout.write(text);
}
