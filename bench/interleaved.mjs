// node bench/interleaved.mjs [--slices N] [--rev <rev>] [--json] [name=<dist dir> ...]
//
// The per-call cost of this build against a baseline release, both loaded in ONE process
// and timed in turn: slices of 1,000 calls (GET and POST) over the same stub fetch as
// `npm run bench`'s in-process rounds, alternating the order each slice, and each slice's
// figure divided by the baseline's figure of the same slice. The median of those paired
// ratios is what it prints.
//
// Why beside bench/run.mjs: its in-process figures come from fresh processes run one after
// the other, so a round's ratio swings by ±30 % on a shared 2-core machine — enough to hide
// a 10 % regression either way. Paired slices see the same machine state, so the ratio is
// stable to a few per cent between runs. Each build is its own module instance (no JIT code
// is shared); the heap and the garbage collector are, alike for both.
//
// Builds: dist/ (npm run build first) as "chirp-sdk" and the baseline (bench/baseline.mjs,
// CHIRP_BENCH_BASELINE or --rev; built from git when missing) last, the one ratios are to;
// more as name=<dir holding index.js>. Pin it to one core for steadier figures:
// `taskset -c 1 node bench/interleaved.mjs`. With --json it prints its figures as JSON (what npm run bench
// reads into BENCHMARKS.md's "Per call against the filed release" table).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BASELINE_DIR, BASELINE_REV, buildBaseline, builtBaselineRev } from "./baseline.mjs";
import { ROOT } from "./sizes.mjs";

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const SLICES = Number(flag("--slices", 120));
const baselineRev = flag("--rev", BASELINE_REV);
const json = args.includes("--json");
if (json) args.splice(args.indexOf("--json"), 1);

if (!existsSync(join(ROOT, "dist", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
// Built again unless BASELINE_DIR holds that very revision (npm run bench may have left another).
if (builtBaselineRev() !== baselineRev && buildBaseline(console.error, baselineRev) !== undefined) process.exit(1);
const builds = [
  ["chirp-sdk", join(ROOT, "dist")],
  ...args.map((a) => a.split("=")),
  [`chirp-sdk @ ${baselineRev}`, join(BASELINE_DIR, "dist")],
];

// The same stub as bench/inproc-round.mjs: a Response built per call from prebuilt parts.
const BODY = JSON.stringify({ id: "msg_sms_01JBENCH", status: "QUEUED", businessName: "Bench Co" });
const INIT = { status: 200, headers: { "content-type": "application/json", "content-length": String(BODY.length) } };
const stub = () => Promise.resolve(new Response(BODY, INIT));

const clients = [];
for (const [name, dir] of builds) {
  const { Chirp } = await import(pathToFileURL(join(dir, "index.js")).href);
  const chirp = new Chirp({ appKey: "sk_test_app_benchbenchbench", baseUrl: "https://api.example.test", fetch: stub });
  clients.push({
    name,
    GET: () => chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "p" } }),
    POST: () => chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } }),
    ns: { GET: [], POST: [] },
  });
}
// Warmed up first: a fresh build runs its first calls in the interpreter.
for (const c of clients) {
  for (let i = 0; i < 30_000; i++) {
    await c.GET();
    await c.POST();
  }
}
const PER_SLICE = 1000;
for (let s = 0; s < SLICES; s++) {
  const order = s % 2 ? [...clients].reverse() : clients;
  for (const kind of ["GET", "POST"]) {
    for (const c of order) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < PER_SLICE; i++) await c[kind]();
      c.ns[kind].push(Number(process.hrtime.bigint() - start) / PER_SLICE);
    }
  }
}
const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1];
const base = clients.at(-1);
const figures = (c, k) => ({ us: median(c.ns[k]) / 1000, ratio: median(c.ns[k].map((v, i) => v / base.ns[k][i])) });
if (json) {
  const builds = Object.fromEntries(clients.map((c) => [c.name, { GET: figures(c, "GET"), POST: figures(c, "POST") }]));
  console.log(JSON.stringify({ slices: SLICES, perSlice: PER_SLICE, baseline: base.name, builds }));
  process.exit(0);
}
console.log(
  `${SLICES} slices of ${PER_SLICE} calls; ratio = median of each slice's time ÷ ${base.name}'s in that slice`,
);
for (const c of clients) {
  const cells = ["GET", "POST"].map((k) => {
    const { us, ratio } = figures(c, k);
    return `${k} ${us.toFixed(2)} µs ÷ ${ratio.toFixed(3)}`;
  });
  console.log(`${c.name.padEnd(22)} ${cells.join("   ")}`);
}
