#!/usr/bin/env node
// node scripts/pack-manifest.mjs strip | restore — npm's `prepack` and `postpack`.
//
// The package.json a user installs carries no `scripts`. Every script of this repository
// needs its sources and devDependencies, which the package does not ship; one of them,
// `prepare` (scripts/prepare.mjs, run by `npm ci` here), is an install-time lifecycle
// script that npm 11 flags on every install of the package ("install scripts not yet
// covered by allowScripts") although its file is not in the tarball. npm tars the
// package.json on disk after `prepack` and runs `postpack` from the manifest it read
// before, so `strip` writes package.json without `scripts` (its original kept under
// node_modules/.cache) and `restore` puts the original back.
//
// Both write atomically (a temp file renamed over package.json), so a reader never sees
// half a file, and print to stderr only: `npm pack --json` prints its report on stdout.
// A pack that died between the two leaves the original in the cache: the next `strip`
// restores it first, so the original is never lost. `npm pack --ignore-scripts` skips both
// and packs the manifest as it is — test/pipeline/package.test.ts packs without it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = join(root, "package.json");
const saved = join(root, "node_modules/.cache/chirp-sdk-pack/package.json");

function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** The manifest as packed: the repository's package.json without `scripts`. */
export function packedManifest(text) {
  const { scripts: _dropped, ...rest } = JSON.parse(text);
  return `${JSON.stringify(rest, null, 2)}\n`;
}

function strip() {
  // `files` ships dist/, which `npm pack` does not build: a pack without it would be a
  // package with no code in it.
  if (!existsSync(join(root, "dist/index.js"))) {
    console.error("pack-manifest: dist/ is missing; run `npm run build` before `npm pack`");
    process.exit(1);
  }
  if (existsSync(saved)) {
    writeAtomic(manifest, readFileSync(saved, "utf8"));
    console.error("pack-manifest: restored package.json left stripped by an unfinished pack");
  }
  const original = readFileSync(manifest, "utf8");
  mkdirSync(dirname(saved), { recursive: true });
  writeAtomic(saved, original);
  writeAtomic(manifest, packedManifest(original));
}

function restore() {
  if (!existsSync(saved)) return;
  writeAtomic(manifest, readFileSync(saved, "utf8"));
  rmSync(saved);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === "strip") strip();
  else if (command === "restore") restore();
  else {
    console.error("usage: node scripts/pack-manifest.mjs strip|restore");
    process.exit(1);
  }
}
