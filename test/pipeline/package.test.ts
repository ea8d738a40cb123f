// The packed tarball, installed into an empty app the way a user installs it:
// both module systems load it and its types resolve under node16 and bundler, and npm
// says nothing about it on install (no lifecycle script in the packed manifest).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root, sh } from "./workspace.js";

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const subpaths = Object.keys(pkg.exports as Record<string, unknown>).filter((k) => k !== "./package.json");
const specifiers = subpaths.map((p) => (p === "." ? "chirp-sdk" : `chirp-sdk/${p.slice(2)}`));

// The manifest as committed, before `npm pack` runs prepack/postpack over it.
const manifestText = readFileSync(join(root, "package.json"), "utf8");

let app: string;
let packed: string[];
let packedManifest: Record<string, unknown>;
let installLog: string;

/** Runs npm, resolving to stdout and stderr together (npm warns on stderr); rejects when it fails. */
function npm(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("npm", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`npm ${args.join(" ")} failed:\n${stdout}${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

beforeAll(async () => {
  expect(existsSync(join(root, "dist/index.js")), "dist/ is missing: run `npm run build` first").toBe(true);
  app = mkdtempSync(join(tmpdir(), "chirp-app-"));
  const out = JSON.parse(await sh("npm", ["pack", "--json", "--pack-destination", app], root));
  packed = out[0].files.map((f: { path: string }) => f.path);
  const tarball = join(app, out[0].filename);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
  // Offline and with an empty cache of its own, as on a fresh machine: the dependencies
  // (openapi-fetch and its one dependency) and chirp-sdk/otel's optional peer, as an app
  // that imports it has it, are packed from node_modules and installed beside the tarball.
  // (`--offline` against the shared cache failed on a fresh machine: npm ci caches no
  // registry metadata, so "openapi-fetch@0.17.0" could not be resolved: ENOTCACHED.)
  const cache = join(app, ".npm-cache");
  const deps: string[] = [];
  for (const dir of ["openapi-fetch", "openapi-typescript-helpers", "@opentelemetry/api"]) {
    const [packedDep] = JSON.parse(
      await sh(
        "npm",
        ["pack", "--json", "--offline", "--cache", cache, "--pack-destination", app, join(root, "node_modules", dir)],
        root,
      ),
    );
    deps.push(join(app, packedDep.filename));
  }
  installLog = await npm(["install", "--offline", "--cache", cache, "--no-audit", "--no-fund", tarball, ...deps], app);
  packedManifest = JSON.parse(await sh("tar", ["-xOzf", tarball, "package/package.json"], app));
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

  it("installs without a word from npm about chirp-sdk: the packed manifest has no scripts", () => {
    // npm 11 flagged the `prepare` script (whose file is not packed) on every install:
    // "chirp-sdk@0.1.1 (prepare: node scripts/prepare.mjs)" under "install scripts not yet covered".
    const aboutUs = installLog
      .split("\n")
      .filter((line) => /^npm (warn|error)/i.test(line) && line.includes("chirp-sdk"));
    expect(aboutUs).toEqual([]);
    expect(installLog).not.toMatch(/install-scripts/);
    expect(packedManifest.scripts).toBeUndefined();
    // Everything else of the manifest is packed as committed, and the working copy is put back.
    const { scripts, ...rest } = JSON.parse(manifestText);
    expect(scripts.prepare).toBe("node scripts/prepare.mjs");
    expect(packedManifest).toEqual(rest);
    expect(readFileSync(join(root, "package.json"), "utf8")).toBe(manifestText);
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
