// The packed tarball, installed into an empty app the way a user installs it:
// both module systems load it and its types resolve under node16 and bundler.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root, sh } from "./workspace.js";

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const subpaths = Object.keys(pkg.exports as Record<string, unknown>).filter((k) => k !== "./package.json");
const specifiers = subpaths.map((p) => (p === "." ? "chirp-sdk" : `chirp-sdk/${p.slice(2)}`));

let app: string;
let packed: string[];

beforeAll(async () => {
  expect(existsSync(join(root, "dist/index.js")), "dist/ is missing: run `npm run build` first").toBe(true);
  app = mkdtempSync(join(tmpdir(), "chirp-app-"));
  const out = JSON.parse(await sh("npm", ["pack", "--json", "--pack-destination", app], root));
  packed = out[0].files.map((f: { path: string }) => f.path);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
  // --offline: the dependency (openapi-fetch) comes from the npm cache `npm ci` filled; no network.
  // chirp-sdk/otel needs its optional peer, as an app that imports it has it: the devDependency's version.
  const otelApi = `@opentelemetry/api@${pkg.devDependencies["@opentelemetry/api"]}`;
  await sh("npm", ["install", "--offline", "--no-audit", "--no-fund", join(app, out[0].filename), otelApi], app);
}, 120_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("ships the builds, declarations and the spec, and nothing of the sources or tests", async () => {
    for (const f of [
      "dist/index.js",
      "dist/index.cjs",
      "dist/index.d.ts",
      "dist/index.d.cts",
      "openapi/openapi.json",
    ]) {
      expect(packed).toContain(f);
    }
    expect(packed.filter((f) => /^(src|test|scripts|bench)\//.test(f))).toEqual([]);
    expect(Object.keys(pkg.dependencies)).toEqual(["openapi-fetch"]);
  });

  it("loads with require() and import() in an empty app", async () => {
    for (const spec of specifiers) {
      const cjs = await sh(
        "node",
        ["-e", `const m = require(${JSON.stringify(spec)}); console.log(Object.keys(m).length)`],
        app,
      );
      const esm = await sh(
        "node",
        [
          "--input-type=module",
          "-e",
          `const m = await import(${JSON.stringify(spec)}); console.log(Object.keys(m).length)`,
        ],
        app,
      );
      expect(Number(cjs), `${spec} via require`).toBeGreaterThan(0);
      expect(Number(esm), `${spec} via import`).toBe(Number(cjs));
    }
    const run = `
      const { Chirp, TemplateNotFoundError, InvalidRequestError } = MOD;
      const fetch = async () => new Response(JSON.stringify({ error: { type: "invalid_request_error", code: "template_not_found", message: "no" } }), { status: 404 });
      const chirp = new Chirp({ appKey: "sk_test_app_x", fetch });
      chirp.sendWhatsAppTemplate({ body: { from: "+15551234567", to: "+15559876543", templateName: "t", languageCode: "en" } })
        .catch((e) => console.log(e instanceof TemplateNotFoundError && e instanceof InvalidRequestError));`;
    expect((await sh("node", ["-e", run.replace("MOD", 'require("chirp-sdk")')], app)).trim()).toBe("true");
    expect(
      (await sh("node", ["--input-type=module", "-e", run.replace("MOD", 'await import("chirp-sdk")')], app)).trim(),
    ).toBe("true");
  });

  it("keeps `tsc` the project's TypeScript: the typescript-min alias must not take over the bin", async () => {
    const wanted = JSON.parse(readFileSync(join(root, "node_modules/typescript/package.json"), "utf8")).version;
    expect((await sh(join(root, "node_modules/.bin/tsc"), ["-v"], root)).trim()).toBe(`Version ${wanted}`);
  });

  // A browser app (no @types/node) uses the main entry; a Node app uses every entry.
  // node10 (`moduleResolution: "node"`) ignores `exports`: package.json's typesVersions carry it.
  // The last two run the oldest TypeScript the README promises (the `typescript-min` devDependency).
  it.each([
    ["node16", "browser", "typescript", { module: "node16", moduleResolution: "node16" }],
    ["bundler", "browser", "typescript", { module: "esnext", moduleResolution: "bundler" }],
    ["node16", "node", "typescript", { module: "node16", moduleResolution: "node16" }],
    ["bundler", "node", "typescript", { module: "esnext", moduleResolution: "bundler" }],
    ["node10", "node", "typescript", { module: "commonjs", moduleResolution: "node10" }],
    ["node16", "node", "typescript-min", { module: "node16", moduleResolution: "node16" }],
    ["bundler", "browser", "typescript-min", { module: "esnext", moduleResolution: "bundler" }],
  ] as const)(
    "has types that resolve under moduleResolution %s in a %s app (%s)",
    async (name, kind, compiler, options) => {
      const dir = join(app, `types-${name}-${kind}-${compiler}`);
      mkdirSync(dir, { recursive: true });
      // node10 with CommonJS has no .mts; the others compile an ES module.
      const file = name === "node10" ? "app.ts" : "app.mts";
      const entries = kind === "browser" ? ["chirp-sdk"] : specifiers;
      const types = kind === "browser" ? [] : [join(root, "node_modules/@types/node")];
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            ...options,
            target: "es2022",
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            types,
            lib: ["es2022", "dom"],
          },
          files: [file],
        }),
      );
      const env = kind === "node" ? "process.env.CHIRP_APP_KEY" : "undefined";
      writeFileSync(
        join(dir, file),
        `import { Chirp, TemplateNotFoundError, type OperationResult } from "chirp-sdk";
       const chirp = new Chirp({ appKey: ${env} });
       export const sent: Promise<OperationResult<"sendSms">> = chirp.sendSms({ body: { from: "+1", to: ["+2"], text: "x" } });
       export const isError: boolean = new Error() instanceof TemplateNotFoundError;
       // Proves the types are real (an \`any\` would make this directive unused, which is an error):
       // @ts-expect-error unknown operation
       chirp.sendSmss({});
       ${entries.map((s, i) => `import * as entry${i} from "${s}"; export const e${i} = Object.keys(entry${i});`).join("\n")}
      `,
      );
      const tsc = join(root, "node_modules", compiler, "bin/tsc");
      const version = (await sh(process.execPath, [tsc, "-v"], app)).trim();
      const wanted = JSON.parse(readFileSync(join(root, "node_modules", compiler, "package.json"), "utf8")).version;
      expect(version).toBe(`Version ${wanted}`);
      await sh(process.execPath, [tsc, "-p", dir], app); // throws with the compiler's output on any error
    },
  );
});
