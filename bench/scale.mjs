// How code generation and type-checking grow with the spec: the real spec, then one
// with its paths replicated N times under renamed paths and operationIds. Each is
// generated into a copy of src/ under .bench-out/, and a small app calling a few
// methods and the path-style client is type-checked against it with
// tsc --noEmit --extendedDiagnostics (time and memory). The app also holds a
// `@ts-expect-error` GET on a POST-only path: if path-style types degrade at scale
// (TS2589, or `any`), that line compiles, the directive is unused, and tsc fails.
//
//   node bench/scale.mjs [--times 20]   # prints 1× and N× side by side (issue 22: N× within 2× of 1×)
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./sizes.mjs";

const APP = `import { Chirp, createPathClient } from "./index.js";
const chirp = new Chirp({ appKey: "sk_test_app_x" });
export const a = chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } });
export const b = chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "p" } });
export const c = chirp.paginate("listOrganizationSmsMessages", { query: { limit: "50" } });
const api = createPathClient(chirp);
export const d = api.POST("/v1/sms", { body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } });
// @ts-expect-error: /v1/sms has no GET — path-style types must stay exact at any size
export const e = api.GET("/v1/sms");
export const f = api.GET("/v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile", {
  params: { path: { phoneNumberId: "p" } },
});
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
export function replicate(spec, times) {
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

function timed(cmd, args, { allowFail = false } = {}) {
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0 && !allowFail) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
  return { seconds: (performance.now() - start) / 1000, stdout: r.stdout, ok: r.status === 0 };
}

/** A figure of `tsc --extendedDiagnostics` ("Check time: 1.23s", "Memory used: 234567K"). */
function diagnostic(stdout, name) {
  const m = new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(stdout);
  return m ? Number(m[1]) : Number.NaN;
}

/** @returns {{ operations: number, generateS: number, typecheckS: number, checkS: number, memoryMiB: number, types: number, instantiations: number }} */
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
  ]).seconds;
  const tsc = timed(
    process.execPath,
    [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir, "--noEmit", "--extendedDiagnostics"],
    { allowFail: true },
  );
  // The type errors, if any (a degraded path-style type shows here as TS2589 or TS2578).
  const errors = tsc.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
  const user = userView(dir);
  let operations = 0;
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) if (op && typeof op === "object" && op.operationId) operations++;
  }
  return {
    operations,
    generateS,
    typecheckS: tsc.seconds,
    checkS: diagnostic(tsc.stdout, "Check time"),
    memoryMiB: diagnostic(tsc.stdout, "Memory used") / 1024,
    types: diagnostic(tsc.stdout, "Types"),
    instantiations: diagnostic(tsc.stdout, "Instantiations"),
    errors,
    user,
  };
}

/**
 * What an app pays: the SDK's declarations emitted (as the package ships them), then an
 * app WITHOUT the deliberate type error checked against them with skipLibCheck, as
 * users compile. The source figures above also check the SDK's own bodies and the
 * failing call, whose error elaboration dominates at scale.
 */
function userView(dir) {
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  const decl = join(dir, "decl");
  const app = join(dir, "userapp");
  mkdirSync(app, { recursive: true });
  // tsc emits despite the app's own deliberate error; only the declarations are used.
  timed(
    process.execPath,
    [tsc, "-p", dir, "--declaration", "--emitDeclarationOnly", "--noEmit", "false", "--outDir", decl],
    {
      allowFail: true,
    },
  );
  const correct = APP.split("\n")
    .filter((l) => !l.includes("@ts-expect-error") && !l.includes('api.GET("/v1/sms")'))
    .join("\n")
    .replace('"./index.js"', '"../decl/index.js"');
  writeFileSync(join(app, "app.ts"), correct);
  const config = { compilerOptions: { ...TSCONFIG.compilerOptions }, include: ["app.ts"] };
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify(config));
  const r = timed(process.execPath, [tsc, "-p", app, "--extendedDiagnostics"], { allowFail: true });
  // The same program with --noCheck: what parsing and binding alone cost (with skipLibCheck
  // the declarations are parsed and bound in full, but only checked where the app uses them).
  const p = timed(process.execPath, [tsc, "-p", app, "--extendedDiagnostics", "--noCheck"], { allowFail: true });
  return {
    typecheckS: r.seconds,
    memoryMiB: diagnostic(r.stdout, "Memory used") / 1024,
    parseBindS: diagnostic(r.stdout, "Parse time") + diagnostic(r.stdout, "Bind time"),
    checkS: diagnostic(r.stdout, "Check time"),
    parseBindMiB: diagnostic(p.stdout, "Memory used") / 1024,
    declarationMiB: declarationBytes(decl) / (1 << 20),
    instantiations: diagnostic(r.stdout, "Instantiations"),
    errors: r.stdout.split("\n").filter((l) => /error TS\d+/.test(l)),
  };
}

/** The size of every `.d.ts` under `dir`, in bytes. */
function declarationBytes(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".d.ts")) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

/** Generate and type-check times for the real spec and a spec ten times its size. */
export function scale() {
  const spec = JSON.parse(readFileSync(join(ROOT, "openapi/openapi.json"), "utf8"));
  const result = { real: measure("x1", spec), tenfold: measure("x10", replicate(spec, 10)) };
  // A type error (a degraded path-style type, a broken generator) is a failed measurement, not a time.
  for (const [name, m] of Object.entries(result)) {
    if (m.errors.length) throw new Error(`the ${name} app does not type-check: ${m.errors[0]}`);
  }
  return result;
}

/** The real spec and one `times` its size, measured one after the other. */
export function scaleBy(times) {
  const spec = JSON.parse(readFileSync(join(ROOT, "openapi/openapi.json"), "utf8"));
  return { real: measure("x1", spec), scaled: measure(`x${times}`, replicate(spec, times)), times };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const at = process.argv.indexOf("--times");
  const times = at >= 0 ? Number(process.argv[at + 1]) : 20;
  const { real, scaled } = scaleBy(times);
  const row = (name, m) =>
    `| ${name} | ${m.operations} | ${m.generateS.toFixed(2)} s | ${m.typecheckS.toFixed(2)} s | ${m.checkS.toFixed(2)} s | ${m.memoryMiB.toFixed(0)} MiB | ${m.types} | ${m.instantiations} |`;
  console.log("| spec | operations | generate | tsc wall | tsc check time | tsc memory | types | instantiations |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  console.log(row("real", real));
  console.log(row(`${times}×`, scaled));
  console.log(
    "\nAn app without the deliberate error, against the emitted declarations (skipLibCheck), as users compile:",
  );
  console.log(
    "| spec | declarations | tsc wall | parse+bind time | check time | tsc memory | of it parse+bind (--noCheck) | instantiations |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const [name, m] of [
    ["real", real],
    [`${times}×`, scaled],
  ]) {
    const u = m.user;
    console.log(
      `| ${name} | ${u.declarationMiB.toFixed(1)} MiB | ${u.typecheckS.toFixed(2)} s | ${u.parseBindS.toFixed(2)} s | ${u.checkS.toFixed(2)} s | ${u.memoryMiB.toFixed(0)} MiB | ${u.parseBindMiB.toFixed(0)} MiB | ${u.instantiations} |${u.errors.length ? ` ${u.errors[0]}` : ""}`,
    );
  }
  for (const [name, m] of [
    ["real", real],
    [`${times}×`, scaled],
  ]) {
    console.log(
      `\n${name}: ${m.errors.length ? `${m.errors.length} type errors:\n${m.errors.join("\n")}` : "type-checks (path-style GET on a POST-only path refused)"}`,
    );
  }
  const ratio = (a, b) => (b / a).toFixed(2);
  console.log(
    `\n${times}× / real: tsc wall ${ratio(real.typecheckS, scaled.typecheckS)}, memory ${ratio(real.memoryMiB, scaled.memoryMiB)}; ` +
      `an app against the declarations: ${ratio(real.user.typecheckS, scaled.user.typecheckS)}, memory ${ratio(real.user.memoryMiB, scaled.user.memoryMiB)} (goal: ≤ 2)`,
  );
}
