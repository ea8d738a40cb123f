#!/usr/bin/env node
// npm run operations: every operation the SDK has a method for, as the spec defines it.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeOperations } from "./lib/spec.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));
const ops = describeOperations(spec);
const width = Math.max(...ops.map((o) => o.operationId.length));
for (const o of ops) {
  const key = o.security === "adminAuth" ? "admin" : o.security === "appAuth" ? "app" : "none";
  const list = o.list ? ` [list: ${o.list.style}, items in "${o.list.items}"]` : "";
  console.log(`${o.operationId.padEnd(width)}  ${key.padEnd(5)}  ${o.method.padEnd(6)} ${o.path}${list}`);
}
console.log(`\n${ops.length} operations (${ops.filter((o) => o.list).length} paginable).`);
