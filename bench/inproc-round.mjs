// One contender of one round of the in-process benchmark, in a fresh process: alone,
// so that no other library's code leaves the JIT or the heap in a different state
// (and long processes drift). The contender runs over a stub fetch that answers at
// once with a Response built from prebuilt parts, timed with mitata. Prints one JSON
// line: median ns per call, GET and POST.
import { bench, do_not_optimize, run } from "mitata";
import { stubContenders } from "./clients.mjs";

const BASE = "https://api.example.test";
const BODY = JSON.stringify({ id: "msg_sms_01JBENCH", status: "QUEUED", businessName: "Bench Co" });
const INIT = { status: 200, headers: { "content-type": "application/json", "content-length": String(BODY.length) } };
// A Response body can be read only once, so the stub builds one per call from prebuilt parts.
const stub = () => Promise.resolve(new Response(BODY, INIT));

const name = process.argv[2];
if (!stubContenders[name]) throw new Error(`unknown contender ${JSON.stringify(name)}`);
const client = stubContenders[name](BASE, stub);
// Warmed up before mitata starts: a fresh process runs its first calls in the interpreter and
// grows its heap, which made the first benchmark (GET) swing by 2–3× between processes.
for (let i = 0; i < 20_000; i++) {
  do_not_optimize(await client.get());
  do_not_optimize(await client.post());
}
for (const method of ["get", "post"]) {
  const call = client[method];
  bench(method, async () => do_not_optimize(await call()));
}
const { benchmarks } = await run({ format: "quiet", throw: true });
const results = {};
for (const b of benchmarks) results[b.alias.toUpperCase()] = b.runs[0].stats.p50;
process.stdout.write(`${JSON.stringify(results)}\n`);
