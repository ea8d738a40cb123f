// One round of the in-process benchmark, in a fresh process (long processes drift):
// each contender over a stub fetch that answers at once with a Response built from
// prebuilt parts, timed with mitata. The stub called directly (plus res.json()) is
// the floor. Prints one JSON line: ns per call by contender and method.
import { bench, do_not_optimize, run } from "mitata";
import { stubContenders } from "./clients.mjs";

const BASE = "https://api.example.test";
const BODY = JSON.stringify({ id: "msg_sms_01JBENCH", status: "QUEUED", businessName: "Bench Co" });
const INIT = { status: 200, headers: { "content-type": "application/json", "content-length": String(BODY.length) } };
// A Response body can be read only once, so the stub builds one per call from prebuilt parts.
const stub = () => Promise.resolve(new Response(BODY, INIT));

// The order rotates with the round (argv[2]) so that no contender always runs first.
const round = Number(process.argv[2] ?? 0);
const names = Object.keys(stubContenders);
const order = names.map((_, i) => names[(i + round) % names.length]);
for (const name of order) {
  const client = stubContenders[name](BASE, stub);
  for (const method of ["get", "post"]) {
    const call = client[method];
    bench(`${name}|${method}`, async () => do_not_optimize(await call()));
  }
}
const { benchmarks } = await run({ format: "quiet", throw: true });
const results = {};
for (const b of benchmarks) {
  const [name, method] = b.alias.split("|");
  results[method.toUpperCase()] ??= {};
  results[method.toUpperCase()][name] = b.runs[0].stats.p50;
}
process.stdout.write(`${JSON.stringify(results)}\n`);
