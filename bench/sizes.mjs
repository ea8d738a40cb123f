// Size figures, shared by the benchmark report and the CI budget test
// (test/budgets.test.ts): the min+gzip browser bundle of a small app that uses a
// library, and the installed size of a package with its dependencies.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Apps that use each library the way an app would: a client, one GET, one POST. */
export const apps = {
  "chirp-sdk": `import { Chirp } from "chirp-sdk";
const chirp = new Chirp({ appKey: "sk_test_app_x" });
chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } }).then(console.log);
chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "p" } }).then(console.log);`,
  "openapi-fetch": `import createClient from "openapi-fetch";
const api = createClient({ baseUrl: "https://api.buildwithchirp.com" });
api.POST("/v1/sms", { body: { text: "hi" } }).then(console.log);
api.GET("/v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile", { params: { path: { phoneNumberId: "p" } } }).then(console.log);`,
  ky: `import ky from "ky";
const api = ky.create({ baseUrl: "https://api.buildwithchirp.com" });
api.post("v1/sms", { json: { text: "hi" } }).json().then(console.log);
api.get("v1/whatsapp/phone-numbers/p/business-profile").json().then(console.log);`,
  axios: `import axios from "axios";
const api = axios.create({ baseURL: "https://api.buildwithchirp.com" });
api.post("/v1/sms", { text: "hi" }).then(console.log);
api.get("/v1/whatsapp/phone-numbers/p/business-profile").then(console.log);`,
};

/**
 * Bundles `app` for browsers with esbuild (minified, ESM) and gzips it.
 * `chirp-sdk` resolves to `entry` (the sources by default, a built index.js for the
 * report), peers to node_modules.
 * `parts` gives the minified bytes each source area adds (a folder of src/, a file of
 * src/generated/, a package), to show where the bundle goes.
 * @returns {Promise<{ min: number, gzip: number, code: string, parts: Record<string, number> }>}
 */
export async function bundleSize(app, entry = join(ROOT, "src", "index.ts")) {
  const result = await build({
    stdin: { contents: app, resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    alias: { "chirp-sdk": entry },
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  const parts = {};
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      parts[area(path)] = (parts[area(path)] ?? 0) + bytesInOutput;
    }
  }
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, code: result.outputFiles[0].text, parts };
}

function area(path) {
  const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const src = path.match(/src\/(generated\/[^/.]+|[^/]+\/|[^/.]+)/);
  return src ? `src/${src[1]}` : path;
}

function dirSize(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += dirSize(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** Bytes on disk of the dependencies of `pkgJson` (recursively, as npm installs them from node_modules). */
export function dependenciesSize(pkgJson, seen = new Set()) {
  let total = 0;
  for (const name of Object.keys(pkgJson.dependencies ?? {})) {
    if (seen.has(name)) continue;
    seen.add(name);
    const dir = join(ROOT, "node_modules", name);
    total += dirSize(dir) + dependenciesSize(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")), seen);
  }
  return total;
}

/** Installed size of an installed package (its folder plus its dependencies), bytes. */
export function installedSizeOf(name) {
  const dir = join(ROOT, "node_modules", name);
  return dirSize(dir) + dependenciesSize(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")), new Set([name]));
}

/**
 * Installed size of chirp-sdk as published: the unpacked files `npm pack` would ship
 * (from the current dist/) plus its dependencies' installed files, bytes.
 */
export function installedSizeOfChirp() {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [pack] = JSON.parse(out);
  const pkgJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  return { own: pack.unpackedSize, deps: dependenciesSize(pkgJson), files: pack.files.map((f) => f.path) };
}
