// One round of the HTTP benchmark, in a fresh process: every contender, every
// scenario (GET/POST × sequential/concurrent), requests per second over a fixed
// window after a warm-up. The order of contenders rotates with the round number so
// that no one always runs first or last. Prints one JSON line.
import { httpContenders } from "./clients.mjs";

const [baseUrl, durationArg, warmupArg, concurrencyArg, roundArg] = process.argv.slice(2);
const duration = Number(durationArg);
const warmup = Number(warmupArg);
const concurrency = Number(concurrencyArg);
const round = Number(roundArg);

/** Completed calls per second of `call`, `lanes` at a time, over `ms`. */
async function throughput(call, lanes, ms) {
  let done = 0;
  const end = performance.now() + ms;
  const lane = async () => {
    while (performance.now() < end) {
      await call();
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: lanes }, lane));
  return done / ((performance.now() - start) / 1000);
}

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
    for (const name of order) {
      const call = clients[name][method];
      await throughput(call, lanes, warmup);
      results[scenario][name] = await throughput(call, lanes, duration);
    }
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
process.exit(0);
