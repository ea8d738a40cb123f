// Issue 6's goals, this run's figures against them, and what explains a miss.

const f2 = (x) => x.toFixed(2);
const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
const us = (ns) => `${(ns / 1000).toFixed(2)} µs`;
const CHIRP = ["chirp-sdk", "chirp-sdk + node transport"];

/** The goals of issue 6 with this run's figures; `ok` per chirp-sdk path. */
export function goals(d) {
  const ratio = (scenario, name) => d.http[scenario][name].ratio.median;
  const inproc = (m, name) => d.inproc[m][name].ratio.median;
  const gz = (name) => d.bundles[name].gzip;
  const cold = (name) => d.cold.results[name].ratio;
  const peers = (fn) => ["openapi-fetch", "ky", "axios"].map((n) => fn(n));
  const safe = (fn) => (n) => {
    try {
      return fn(n);
    } catch {
      return "—";
    }
  };
  return [
    {
      figure: "sequential GET throughput / raw fetch",
      peers: peers(safe((n) => f2(ratio("GET sequential", n)))),
      ours: CHIRP.map((n) => ratio("GET sequential", n)),
      fmt: f2,
      goal: "≥ 0.95",
      ok: (x) => x >= 0.95,
    },
    {
      figure: `${d.settings.concurrency}-way POST throughput / raw fetch`,
      peers: peers(safe((n) => f2(ratio(`POST ${d.settings.concurrency}-way`, n)))),
      ours: CHIRP.map((n) => ratio(`POST ${d.settings.concurrency}-way`, n)),
      fmt: f2,
      goal: "≥ 1.0",
      ok: (x) => x >= 1.0,
    },
    {
      figure: "in-process time / stub, GET",
      peers: peers(safe((n) => f2(inproc("GET", n)))),
      ours: [inproc("GET", "chirp-sdk")],
      fmt: f2,
      goal: "≤ 1.2",
      ok: (x) => x <= 1.2,
    },
    {
      figure: "in-process time / stub, POST",
      peers: peers(safe((n) => f2(inproc("POST", n)))),
      ours: [inproc("POST", "chirp-sdk")],
      fmt: f2,
      goal: "≤ 1.4",
      ok: (x) => x <= 1.4,
    },
    {
      figure: "browser bundle, min+gzip",
      peers: peers((n) => kb(gz(n))),
      ours: [gz("chirp-sdk")],
      fmt: kb,
      goal: "≤ 6 kB",
      ok: (x) => x <= 6000,
    },
    {
      figure: "cold import / `node -e 0`",
      peers: peers((n) => f2(cold(n))),
      ours: [cold("chirp-sdk")],
      fmt: f2,
      goal: "≤ 1.15",
      ok: (x) => x <= 1.15,
    },
  ];
}

/** A paragraph per goal: met or not, with the figures and, for a miss, where the cost is. */
export function notes(d) {
  const lines = [];
  for (const g of goals(d)) {
    const figures = g.ours.map((x, i) => `${CHIRP[i]} ${g.fmt(x)}${g.ok(x) ? "" : " (not met)"}`).join(", ");
    const met = g.ours.map((x, i) => (g.ok(x) ? CHIRP[i] : null)).filter(Boolean);
    const status = met.length === g.ours.length ? "met" : met.length ? `met by ${met.join(", ")} only` : "not met";
    lines.push(`- **${g.figure}** (goal ${g.goal}): ${status} — ${figures}.`);
  }
  // Medians of the per-round ratios, in µs of the stub's median: robust to a noisy round.
  const get = d.inproc.GET;
  const floor = get["stub directly"].value.median;
  const timeoutFloor = get["stub + AbortController + timer"]?.ratio.median;
  const ours = get["chirp-sdk"].ratio.median;
  if (timeoutFloor !== undefined) {
    const reach = timeoutFloor > 1.2 ? ", above the ≤ 1.2 GET goal before any other work" : "";
    lines.push(
      `- In process, chirp-sdk adds about ${us((ours - 1) * floor)} per GET to the stub's ${us(floor)}. An ` +
        "AbortController and a timer per call alone — what each attempt needs for a timeout that cancels the " +
        `request — cost ${us((timeoutFloor - 1) * floor)} (the "stub + AbortController + timer" row: ` +
        `${f2(timeoutFloor)} × the stub${reach}). openapi-fetch has no timeout and pays for a \`Request\` instead.`,
    );
  }
  const parts = Object.entries(d.bundleParts).sort((a, b) => b[1] - a[1]);
  const total = parts.reduce((a, [, b]) => a + b, 0);
  const top = parts.slice(0, 4).map(([name, bytes]) => `${name} ${((100 * bytes) / total).toFixed(0)} %`);
  lines.push(
    `- The browser bundle (${kb(d.bundles["chirp-sdk"].gzip)} min+gzip) is mostly ${top.join(", ")} of its minified ` +
      "bytes (table below). Reaching 6 kB needs a smaller operation table, and the path-style openapi-fetch client, " +
      "rate limiter and webhooks out of the main entry (the error classes already come from one factory).",
  );
  const floorRatio = (scenario) => d.http[scenario]["raw fetch + AbortController + timer"]?.ratio.median;
  const seqFloor = floorRatio("GET sequential");
  const postFloor = floorRatio(`POST ${d.settings.concurrency}-way`);
  lines.push(
    "- Over the global fetch, every attempt passes an AbortSignal for its timeout, which undici follows with a " +
      "controller of its own" +
      (seqFloor === undefined
        ? ""
        : `: raw fetch doing only that reaches ${f2(seqFloor)} (sequential GET) and ${f2(postFloor)} ` +
          `(${d.settings.concurrency}-way POST) of raw fetch, the ceiling for any client with cancelling timeouts`) +
      ". `createNodeFetch()` (chirp-sdk/node) skips undici and web streams, and is the path that meets the " +
      "throughput goals.",
  );
  return lines.join("\n");
}
