// npm run docs (runs under tsx, which lets it import tsup.config.ts).
// The API reference, with TypeDoc, into docs/api/ (git-ignored).
//
// Entry points are read, not listed: every subpath of package.json's `exports`
// names a built file (dist/<name>.js), and tsup.config.ts's `entry` maps <name> to
// its source, so a new entry point is documented without touching this script.
// Each module is named by its import specifier (`chirp-sdk/node`). The error-code
// page (scripts/error-reference.mjs) and the webhook-event page
// (scripts/webhook-reference.mjs) are generated first and included as project
// documents. The `Chirp` page groups its methods by the spec's tags, in the spec's
// order, also in the sidebar (scripts/lib/docs-groups.mjs); every link reads as the
// name a user types (scripts/lib/docs-links.mjs); scripts/docs.css keeps tables inside
// their column. Every TypeDoc warning fails the build (a broken {@link}, a malformed
// tag), and so does a link text that still reads as a declaration reference. Nothing
// here needs the network.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Application, Converter, OptionDefaults, ReflectionKind } from "typedoc";
import { errorReference } from "./error-reference.mjs";
import { declaresNoParameters, NO_PARAMETERS } from "./lib/compact-types.mjs";
import { CLIENT_GROUP, describeGroups, GroupedTheme, groupOrder } from "./lib/docs-groups.mjs";
import { readableLinks, unreadableLinkTexts } from "./lib/docs-links.mjs";
import { webhookReference } from "./webhook-reference.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "docs/api");
const generated = join(root, "docs/.generated");

/** `{ "chirp-sdk/node": "src/node/http-fetch.ts", … }` from package.json exports and tsup's entries. */
export async function entryPoints() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const tsup = (await import(pathToFileURL(join(root, "tsup.config.ts")).href)).default;
  const entry = (Array.isArray(tsup) ? tsup[0] : tsup).entry;
  const out = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (subpath === "./package.json") continue;
    const file = typeof target === "string" ? target : (target.import?.default ?? target.default);
    const name = basename(file).replace(/\.(c|m)?js$/, "");
    const source = entry[name];
    if (!source) throw new Error(`exports["${subpath}"] → ${file}, but tsup.config.ts has no entry "${name}"`);
    out[subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`] = source;
  }
  return out;
}

async function main() {
  const entries = await entryPoints();
  const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));
  mkdirSync(generated, { recursive: true });
  const errorPage = join(generated, "error-codes.md");
  writeFileSync(errorPage, errorReference(spec));
  const eventsPage = join(generated, "webhook-events.md");
  writeFileSync(eventsPage, webhookReference(spec));

  const app = await Application.bootstrapWithPlugins({
    name: "chirp-sdk",
    entryPoints: Object.values(entries).map((p) => join(root, p)),
    tsconfig: join(root, "tsconfig.build.json"),
    out,
    readme: join(root, "README.md"),
    projectDocuments: [errorPage, eventsPage],
    theme: "chirp-grouped",
    customCss: join(root, "scripts/docs.css"),
    // Link texts are the target's name, not the reference as written (see docs-links.mjs).
    preserveLinkText: false,
    // Methods under the spec's tags, in its order; the client's own members first.
    categorizeByGroup: false,
    defaultCategory: CLIENT_GROUP,
    categoryOrder: groupOrder(spec),
    // TypeDoc's sidebar stops at classes: GroupedTheme adds Chirp's groups under it. A module
    // whose exports carry @category would show its categories there too.
    navigation: { includeCategories: true, includeGroups: false, includeFolders: true },
    excludePrivate: true,
    excludeInternal: true,
    // No "Defined in" links to a repository host: the build stays offline and reproducible.
    disableSources: true,
    githubPages: false,
    // openapi-typescript writes the spec's descriptions as `@description`.
    blockTags: [...OptionDefaults.blockTags, "@description"],
    // Helper types that public signatures mention but that are not API of their own:
    // each one is shown by name. A new one fails the build until it is exported or listed.
    intentionallyNotExported: [
      "src/types.ts:Slot",
      "src/types.ts:BodySlot",
      "src/types.ts:HasRequiredKeys",
      "src/types.ts:Defined",
      "src/types.ts:Table",
      "src/errors/api-error.ts:ResponseFields",
      "src/generated/operations.ts:ListShape",
      "src/rate-limit/limiter.ts:Release",
      "src/call/4-transport.ts:OutgoingRequest",
      "src/call/4-transport.ts:AttemptLimiter",
      "src/webhooks/events.ts:Schemas",
      "src/webhooks/events.ts:Failed",
      "src/testing/webhooks.ts:Json",
      "src/testing/mock-answer.ts:Answers",
      "src/path-style-types.ts:PathsOf",
      "src/path-style-types.ts:PathMethodOf",
      "src/path-style-types.ts:PathRequestOf",
      // The alias the generator writes into openapi.ts for every parameter-less
      // `parameters` object (scripts/lib/compact-types.mjs), when the spec has one.
      ...(declaresNoParameters(readFileSync(join(root, "src/generated/openapi.ts"), "utf8"))
        ? [`src/generated/openapi.ts:${NO_PARAMETERS}`]
        : []),
    ],
    treatWarningsAsErrors: true,
    validation: { invalidLink: true, rewrittenLink: true, notExported: true, notDocumented: false },
    logLevel: process.env.DOCS_LOG ?? "Warn",
  });
  // The spec's createWebhook answer is `WebhookResponse` allOf an inline object that
  // documents `id` and `appId` again; `Readable<…>` (src/types.ts) flattens the two into
  // one property with two (equivalent) comments. That is the spec's wording, not a
  // broken doc comment: logged as information, every other warning still fails the build.
  const warn = app.logger.warn.bind(app.logger);
  app.logger.warn = (message, ...rest) =>
    /has multiple declarations with a comment/.test(String(message))
      ? app.logger.info(message)
      : warn(message, ...rest);
  app.renderer.defineTheme("chirp-grouped", GroupedTheme);
  // Each group's description is its spec tag's, put on `Chirp` before TypeDoc categorizes.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => describeGroups(context.project, spec));
  // Name each module by how it is imported, not by its file path.
  const bySource = new Map(Object.entries(entries).map(([spec, p]) => [resolve(root, p), spec]));
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
    const name = file && bySource.get(resolve(file));
    if (name) reflection.name = name;
  });
  const project = await app.convert();
  if (!project) throw new Error("TypeDoc could not convert the project (see the errors above)");
  readableLinks(project);
  app.validate(project);
  const unreadable = unreadableLinkTexts(project);
  if (unreadable.length) {
    throw new Error(
      `link texts that read as declaration references (give them text): ${[...new Set(unreadable)].join(", ")}`,
    );
  }
  if (app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error("TypeDoc reported problems (above)");
  await app.generateDocs(project, out);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error("TypeDoc reported problems (above)");
  console.log(`API reference for ${Object.keys(entries).join(", ")} in ${relative(process.cwd(), out) || "."}/`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
