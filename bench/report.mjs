// Turns the results of run.mjs into the console table and BENCHMARKS.md.
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { goals, notes } from "./goals.mjs";

/** The machine, for the record. */
export function machine() {
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model ?? "unknown"} × ${cpu.length}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${platform()} ${release()}`,
    loadavg: loadavg().map((x) => x.toFixed(2)),
  };
}

const f2 = (x) => x.toFixed(2);
const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;
const range = (s, fmt) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
const row = (cells) => `| ${cells.join(" | ")} |`;
const table = (head, rows) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");

function goalsTable(d) {
  const rows = goals(d).map((g) => {
    const today = g.today === undefined ? `not measured: ${g.error ?? "no figure"}` : g.fmt(g.today);
    const met = g.today === undefined ? "—" : g.ok(g.today) ? "✅" : "❌";
    return [g.figure, g.filed, today, g.goal, met, g.peer];
  });
  return table(["issue 14", "when filed", "this run", "goal", "met?", "generated (hey-api)"], rows);
}

function httpTable(d) {
  const rows = [];
  for (const [scenario, byName] of Object.entries(d.http)) {
    for (const [name, s] of Object.entries(byName)) {
      rows.push([scenario, name, range(s.value, (x) => x.toFixed(0)), range(s.ratio, f2)]);
    }
  }
  return table(["scenario", "client", "req/s median (range)", "÷ raw fetch, same round"], rows);
}

function inprocTable(d) {
  const rows = Object.keys(d.inproc.GET).map((name) => [
    name,
    range(d.inproc.GET[name].value, (x) => (x / 1000).toFixed(2)),
    range(d.inproc.GET[name].ratio, f2),
    range(d.inproc.POST[name].value, (x) => (x / 1000).toFixed(2)),
    range(d.inproc.POST[name].ratio, f2),
  ]);
  return table(["client", "GET µs/call", "GET ÷ stub", "POST µs/call", "POST ÷ stub"], rows);
}

function pairedTable(d) {
  const p = d.paired;
  if (!p) return "Not measured in this run.";
  if (p.error) return `Not measured: ${p.error}.`;
  const rows = Object.entries(p.builds).map(([name, b]) => [
    name,
    b.GET.us.toFixed(2),
    b.GET.ratio.toFixed(3),
    b.POST.us.toFixed(2),
    b.POST.ratio.toFixed(3),
  ]);
  const head = ["build", "GET µs/call", `GET ÷ ${p.baseline}`, "POST µs/call", `POST ÷ ${p.baseline}`];
  return `${table(head, rows)}

bench/interleaved.mjs: both builds loaded into one process and timed in alternating slices of ${p.perSlice} calls
over the stub fetch (${p.slices} slices); a ratio is the median of each slice's time divided by the baseline's in that
slice, so both see the same machine state. Two copies of the same build read within ~2 % of each other. Issue 18's
per-call goal is read against 7d6f3e7, the release it was filed on: \`CHIRP_BENCH_BASELINE=7d6f3e7 npm run bench\`.`;
}

function sizeTable(d) {
  const bundleRows = Object.entries(d.bundles).map(([name, b]) =>
    b.error === undefined ? [name, kb(b.min), kb(b.gzip)] : [name, "—", `did not bundle: ${b.error}`],
  );
  const bundles = table(["app (bench/sizes.mjs)", "bundle min", "bundle min+gzip"], bundleRows);
  const packageRows = Object.keys(d.installed).map((name) => [
    name,
    mb(d.installed[name]),
    `${d.cold.results[name].ms.toFixed(1)} ms`,
    f2(d.cold.results[name].ratio),
  ]);
  const packages = table(["package", "installed (with deps)", "cold import", "÷ node -e 0"], packageRows);
  const generated =
    "The generated client has no installed package: its code (fetch client included) is written into the app.";
  const total = Object.values(d.bundleParts).reduce((a, b) => a + b, 0);
  const parts = Object.entries(d.bundleParts)
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => [name, kb(bytes), `${((100 * bytes) / total).toFixed(0)} %`]);
  const where = "Where chirp-sdk's browser bundle goes (minified bytes by source area, bundled from src/):";
  return `${bundles}\n\n${packages}\n\n${generated}\n\n${where}\n\n${table(["source", "min", "share"], parts)}`;
}

function scaleTables(d) {
  const s = d.scaling;
  const gen = s.error
    ? `Generate + type-check failed in this run: ${s.error}`
    : table(
        ["spec", "operations", "generate", "type-check (tsc --noEmit)"],
        [
          ["real", s.real.operations, `${s.real.generateS.toFixed(2)} s`, `${s.real.typecheckS.toFixed(2)} s`],
          ["10×", s.tenfold.operations, `${s.tenfold.generateS.toFixed(2)} s`, `${s.tenfold.typecheckS.toFixed(2)} s`],
        ],
      );
  const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  const paths = { fetch: "global fetch", node: "node transport" };
  const runs = Object.entries(d.pagination);
  const [, first] = runs[0];
  const rows = Object.keys(first.rss).map((n) => [
    Number(n).toLocaleString("en"),
    ...runs.flatMap(([, p]) => [mib(p.rss[n]), mib(p.heap[n])]),
  ]);
  const head = ["items", ...runs.flatMap(([t]) => [`RSS, ${paths[t]}`, `heap used, ${paths[t]}`])];
  const took = runs.map(([t, p]) => `${p.seconds.toFixed(1)} s over the ${paths[t]}`).join(", ");
  const pages =
    `Paginating ${first.count.toLocaleString("en")} items (1000 a page) with \`chirp.paginate\` took ${took}. ` +
    "Memory after a full GC at each mark: the heap is what the iteration holds; RSS also keeps the allocator's " +
    `high-water mark.\n\n${table(head, rows)}`;
  return `${gen}\n\n${pages}`;
}

/** The console table and the BENCHMARKS.md text. */
export function render(d) {
  const sections = [
    ["Goals (issue 14)", `${goalsTable(d)}\n\n${notes(d)}`],
    ["HTTP throughput", httpTable(d)],
    ["In process, over a stub fetch", inprocTable(d)],
    ["Per call against the filed release, paired in one process", pairedTable(d)],
    ["Sizes and cold import", sizeTable(d)],
    ["Scale", scaleTables(d)],
  ];
  const tableText = sections.map(([t, body]) => `## ${t}\n\n${body}`).join("\n\n");
  return { table: tableText, markdown: markdownPage(d, tableText) };
}

function markdownPage(d, tables) {
  const m = d.machine;
  const s = d.settings;
  const versions = Object.entries(d.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs)${d.quick ? " with `--quick` (fewer, shorter rounds)" : ""}; do not edit by hand.

- Machine: ${m.cpu}, ${m.memory}, ${m.os}; load average (1, 5, 15 min) ${d.load.start.join(", ")} at the start,
  ${m.loadavg.join(", ")} at the end. Other work on the machine shows up as a wide range; compare ratios, which
  are taken within one round.
- Versions: ${versions}.
- Commands: \`npm run bench\` (build, then \`node bench/run.mjs\`); \`node bench/run.mjs --quick\` for a short run;
  \`--no-write\` to print without writing this file. Size budgets: \`npx vitest run test/budgets.test.ts\` (in CI).

## Method

- **HTTP**: bench/server.mjs in its own process on 127.0.0.1 with keep-alive${s.pinned ? ` (taskset: server on core ${s.pinned.server}, clients on core ${s.pinned.client})` : ""}.
  Each of ${s.httpRounds} rounds is a fresh client process that runs every client on every scenario for
  ${s.durationMs} ms after a ${s.warmupMs} ms warm-up, in 100 ms slices taken in turn (the order rotating
  each pass and each round), so that bursts of other work land on every client alike. Ratios are to raw
  \`fetch\` + \`res.json()\` in the same round. Every client sends the same method, path, headers and body.
- **In process**: a stub fetch that resolves at once to a \`Response\` built from a prebuilt body and headers (a
  body can be read only once). 20,000 GETs and POSTs to warm up, then mitata, median ns per call, ${s.inprocRounds} rounds of a fresh process per client;
  the floor is calling the stub directly with the same URL and init, then \`res.json()\`.
- **Bundle**: small apps (bench/sizes.mjs: a client, one GET, one POST; for chirp-sdk also the apps of issue 14's
  goals) bundled by esbuild for browsers, minified, gzip level 9; chirp-sdk from its built \`dist/index.js\`.
- **Generated client**: \`@hey-api/openapi-ts\` ${d.versions["@hey-api/openapi-ts"]} run on openapi/openapi.json at bench
  time (bench/heyapi.mjs) with the fetch client and the sdk plugin: one function per operation. Bundled from its
  TypeScript output (with every operation function referenced, it is the equivalent of chirp-sdk's client, where
  every method is callable); timed from the same output bundled for Node, each call given a client of its own.
- **Installed**: chirp-sdk's \`npm pack\` unpacked size plus its dependencies' installed files; peers'
  installed folders plus their dependencies. **Cold import**: \`node --input-type=module -e "await import(…)"\`
  against \`node -e 0\`, spawned in turn ${s.coldRuns} times each, medians.
- **Scale**: \`scripts/generate.mjs --skip-lint\` then \`tsc --noEmit\` on a small app calling three methods, for
  the real spec and for its paths replicated ten times (renamed paths and operationIds).

${tables}
`;
}
