// One round of the HTTP benchmark, in a fresh process: every contender, every
// scenario (GET/POST × sequential/concurrent), requests per second over `duration`
// ms each after a warm-up. The order of contenders rotates with the round number and
// the pass so that no one always runs first or last. Prints one JSON line.
import { httpContenders } from "./clients.mjs";

const [baseUrl, durationArg, warmupArg, concurrencyArg, roundArg] = process.argv.slice(2);
const duration = Number(durationArg);
const warmup = Number(warmupArg);
const concurrency = Number(concurrencyArg);
const round = Number(roundArg);

/** Completed calls of `call`, `lanes` at a time, over about `ms`, and the time taken. */
async function slice(call, lanes, ms) {
  let done = 0;
  const start = performance.now();
  const end = start + ms;
  const lane = async () => {
    while (performance.now() < end) {
      await call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return { done, ms: performance.now() - start };
}

// Contenders take turns in short slices rather than one long window each, so that a
// burst of other work on the machine lands on all of them alike.
const SLICE_MS = 100;

const names = Object.keys(httpContenders);
const order = names.map((_, i) => names[(i + round) % names.length]);
const clients = Object.fromEntries(names.map((n) => [n, httpContenders[n](baseUrl)]));

// Every contender answers correctly before anything is timed.
for (const name of names) {
  const [g, p] = await Promise.all([clients[name].get(), clients[name].post()]);
  if (!g?.businessName || p?.status !== "QUEUED") throw new Error(`${name} returned ${JSON.stringify([g, p])}`);
}

const results = {};
for (const method of ["get", "post"]) {
  for (const [mode, lanes] of [
    ["sequential", 1],
    [`${concurrency}-way`, concurrency],
  ]) {
    const scenario = `${method.toUpperCase()} ${mode}`;
    results[scenario] = {};
    for (const name of order) await slice(clients[name][method], lanes, warmup);
    const totals = Object.fromEntries(order.map((name) => [name, { done: 0, ms: 0 }]));
    for (let pass = 0; pass < Math.max(1, Math.round(duration / SLICE_MS)); pass++) {
      for (let i = 0; i < order.length; i++) {
        const name = order[(i + pass) % order.length];
        const { done, ms } = await slice(clients[name][method], lanes, SLICE_MS);
        totals[name].done += done;
        totals[name].ms += ms;
      }
    }
    for (const name of names) results[scenario][name] = totals[name].done / (totals[name].ms / 1000);
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
process.exit(0);
