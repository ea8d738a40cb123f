// The built dist/ imports Node's built-ins as `node:…` (tsup strips the prefix unless told
// not to): without it a browser bundler meeting chirp-sdk/node reports a missing "http"
// package rather than a Node-only module.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { expect, it } from "vitest";

const dist = join(import.meta.dirname, "../../dist");
const builtins = new Set(builtinModules.filter((m) => !m.startsWith("_")));
// Static imports, dynamic imports and requires, in the ESM and CJS builds alike.
const specifiers = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

it("keeps the node: prefix on every built-in import in dist/", () => {
  const files = readdirSync(dist).filter((f) => /\.(c?js)$/.test(f));
  expect(files.length, "dist/ is empty: run `npm run build` first").toBeGreaterThan(0);
  const bare: string[] = [];
  const prefixed: string[] = [];
  for (const file of files) {
    for (const [, spec] of readFileSync(join(dist, file), "utf8").matchAll(specifiers)) {
      if (spec?.startsWith("node:")) prefixed.push(`${file}: ${spec}`);
      else if (spec !== undefined && builtins.has(spec.split("/")[0]!)) bare.push(`${file}: ${spec}`);
    }
  }
  expect(bare).toEqual([]);
  // The Node-only entries do import built-ins, so an empty list would mean the scan saw nothing.
  expect(prefixed.some((s) => s.startsWith("node.js: node:http"))).toBe(true);
});

it("a browser bundle of chirp-sdk/node fails naming a Node built-in, not a missing package", async () => {
  const failure = await build({
    entryPoints: [join(dist, "node.js")],
    bundle: true,
    platform: "browser",
    write: false,
    logLevel: "silent",
  }).catch((e: { errors?: { text: string }[] }) => e.errors?.map((x) => x.text).join("\n"));
  expect(failure).toMatch(/Could not resolve "node:http"/);
});
