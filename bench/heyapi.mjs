// The generated-client peer: what a user gets by running @hey-api/openapi-ts on the
// same spec instead of installing chirp-sdk. Generated at bench time into
// .bench-out/heyapi/ (ignored, never committed), so the figures always describe the
// installed generator against the vendored spec.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

// Not ROOT from sizes.mjs: sizes.mjs imports this module for HEYAPI_SRC.
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The generated TypeScript sources (fetch client + sdk functions). */
export const HEYAPI_SRC = join(ROOT, ".bench-out", "heyapi", "src");
/** The same, bundled to one ES module that Node runs without a TypeScript loader. */
export const HEYAPI_NODE = join(ROOT, ".bench-out", "heyapi", "node.mjs");

const GENERATOR = join(ROOT, "node_modules", "@hey-api", "openapi-ts");

/** The installed generator's version. */
export function heyApiVersion() {
  return JSON.parse(readFileSync(join(GENERATOR, "package.json"), "utf8")).version;
}

// @hey-api/openapi-ts 0.99 declares node >= 22.18 (its dependencies use newer
// built-ins); the project still runs on Node 20, so the generator runs on the
// node22 devDependency whenever the current Node is older.
function generatorNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major > 22 || (major === 22 && minor >= 18)) return process.execPath;
  const node22 = join(ROOT, "node_modules", "node22", "bin", "node");
  return existsSync(node22) ? node22 : process.execPath;
}

/**
 * Generates the client from openapi/openapi.json with the fetch client (bundled into
 * the output by 0.99, no runtime package) and the sdk plugin (one exported function
 * per operation), then bundles it for Node. Returns the generator's version.
 */
export async function generateHeyApi() {
  rmSync(join(ROOT, ".bench-out", "heyapi"), { recursive: true, force: true });
  // `./` matters: 0.99 reads a bare relative path as a Hey API registry shorthand (org/project).
  const args = ["-i", "./openapi/openapi.json", "-o", HEYAPI_SRC, "-c", "@hey-api/client-fetch"];
  args.push("-p", "@hey-api/typescript", "@hey-api/sdk", "--no-log-file", "--silent");
  execFileSync(generatorNode(), [join(GENERATOR, "bin", "run.js"), ...args], { cwd: ROOT, stdio: "inherit" });
  // Not minified: the in-process bench times the code as the generator wrote it.
  await build({
    stdin: {
      contents: `export * from "./index.ts";
export { client } from "./client.gen.ts";
export { createClient, createConfig } from "./client/index.ts";`,
      resolveDir: HEYAPI_SRC,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: HEYAPI_NODE,
    logLevel: "silent",
  });
  return heyApiVersion();
}
