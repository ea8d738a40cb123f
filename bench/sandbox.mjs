// createSandbox(): how soon it is ready and what one request through it costs.
// Run after `npm run build`: node bench/sandbox.mjs [--runs 15]
// - ready (cold): a fresh node that imports chirp-sdk/testing from dist/ and calls
//   createSandbox(), minus a fresh node that only imports chirp-sdk/testing — and the
//   whole import + create, for the first test of a file;
// - ready (warm): createSandbox() in a process that already imported it (every later test);
// - per request: a sendSms through the real client and sandbox.fetch, then its lifecycle
//   (settle: sent + delivered webhooks to an in-process handler), and a plain fetch of listWebhooks.
// Goal (issue 17): ready in < 50 ms.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { median } from "./stats.mjs";

const root = resolve(import.meta.dirname, "..");
const testing = pathToFileURL(join(root, "dist/testing.js")).href;
const index = pathToFileURL(join(root, "dist/index.js")).href;
const runsAt = process.argv.indexOf("--runs");
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 15;

function spawnMs(code) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim());
}

// In the child: time the import, then createSandbox(), with the child's own clock.
const cold = [];
for (let i = 0; i < runs; i++) {
  cold.push(
    spawnMs(`const t0 = performance.now(); const m = await import(${JSON.stringify(testing)});
const t1 = performance.now(); m.createSandbox(); const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, createMs: t2 - t1 }));`),
  );
}

// For scale: a fresh node importing the main entry only.
const main = [];
for (let i = 0; i < runs; i++) {
  main.push(
    spawnMs(
      `const t0 = performance.now(); await import(${JSON.stringify(index)}); console.log(performance.now() - t0);`,
    ),
  );
}

const { createSandbox } = await import(testing);
const { Chirp } = await import(index);
const warm = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  createSandbox();
  warm.push(performance.now() - t);
}

const sandbox = createSandbox({ webhooks: { handler: async () => new Response("ok"), secret: "s" } });
const chirp = new Chirp({ appKey: "sk_test_app_bench", fetch: sandbox.fetch });
const body = { from: "+15551234567", to: ["+15559876543"], text: "bench" };
for (let i = 0; i < 200; i++) await chirp.sendSms({ body });
await sandbox.settle();
const N = 2000;
let t = performance.now();
for (let i = 0; i < N; i++) await chirp.sendSms({ body });
const sendUs = ((performance.now() - t) * 1000) / N;
t = performance.now();
await sandbox.settle();
const settleUs = ((performance.now() - t) * 1000) / N;
const fresh = createSandbox();
const headers = { authorization: "Bearer sk_test_app_bench" };
t = performance.now();
for (let i = 0; i < N; i++) await (await fresh.fetch("https://api.buildwithchirp.com/v1/webhooks", { headers })).json();
const fetchUs = ((performance.now() - t) * 1000) / N;

const ms = (x) => `${x.toFixed(2)} ms`;
console.log(`createSandbox() — ${runs} cold processes, Node ${process.version}`);
console.log(`  import chirp-sdk/testing (cold)          median ${ms(median(cold.map((c) => c.importMs)))}`);
console.log(`  createSandbox() after it (cold)          median ${ms(median(cold.map((c) => c.createMs)))}`);
console.log(
  `  import + createSandbox() (cold)          median ${ms(median(cold.map((c) => c.importMs + c.createMs)))}  (goal < 50 ms)`,
);
console.log(`  for scale: import chirp-sdk (cold)       median ${ms(median(main))}`);
console.log(`  createSandbox() (warm, 200 runs)         median ${ms(median(warm))}`);
console.log(`per request (${N} each)`);
console.log(`  chirp.sendSms via sandbox.fetch          ${sendUs.toFixed(0)} µs`);
console.log(`  its lifecycle (settle: 2 webhooks each)  ${settleUs.toFixed(0)} µs`);
console.log(`  fetch listWebhooks via sandbox.fetch     ${fetchUs.toFixed(0)} µs`);
