// How code generation and type-checking grow with the spec: the real spec, then one
// with its paths replicated ten times under renamed paths and operationIds. Each is
// generated into a copy of src/ under .bench-out/, and a small app calling a few
// methods is type-checked against it with tsc --noEmit.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./sizes.mjs";

const APP = `import { Chirp } from "./index.js";
const chirp = new Chirp({ appKey: "sk_test_app_x" });
export const a = chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } });
export const b = chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "p" } });
export const c = chirp.paginate("listOrganizationSmsMessages", { query: { limit: "50" } });
`;

// The project's strictness, for an app that type-checks the SDK's sources.
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ["src/app.ts"],
};

/** The spec with its paths copied `times` times (copy k under /v1/s<k>/…, operationIds suffixed S<k>). */
function replicate(spec, times) {
  const paths = {};
  for (let k = 0; k < times; k++) {
    for (const [path, item] of Object.entries(spec.paths)) {
      const copy = structuredClone(item);
      for (const op of Object.values(copy)) {
        if (k > 0 && op && typeof op === "object" && op.operationId) op.operationId += `S${k}`;
      }
      paths[k === 0 ? path : path.replace(/^\/v1\//, `/v1/s${k}/`)] = copy;
    }
  }
  return { ...spec, paths };
}

function timed(cmd, args) {
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
  return (performance.now() - start) / 1000;
}

/** @returns {{ operations: number, generateS: number, typecheckS: number }} */
function measure(name, spec) {
  const dir = join(ROOT, ".bench-out", "scale", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, "src"), join(dir, "src"), { recursive: true, filter: (p) => !p.includes("generated") });
  writeFileSync(join(dir, "openapi.json"), JSON.stringify(spec));
  writeFileSync(join(dir, "src", "app.ts"), APP);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
  const generateS = timed(process.execPath, [
    "scripts/generate.mjs",
    "--spec",
    join(dir, "openapi.json"),
    "--out",
    join(dir, "src", "generated"),
    "--skip-lint",
  ]);
  const typecheckS = timed(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir, "--noEmit"]);
  let operations = 0;
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) if (op && typeof op === "object" && op.operationId) operations++;
  }
  return { operations, generateS, typecheckS };
}

/** Generate and type-check times for the real spec and a spec ten times its size. */
export function scale() {
  const spec = JSON.parse(readFileSync(join(ROOT, "openapi/openapi.json"), "utf8"));
  return { real: measure("x1", spec), tenfold: measure("x10", replicate(spec, 10)) };
}
