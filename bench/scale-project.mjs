// Issue 22's scale goal as the issue states it: the project's own `npm run typecheck`
// (sources, tests, examples, bench — everything tsconfig.json includes) with today's spec
// and with one `--times` its size (bench/scale.mjs's replication: paths copied under
// /v1/s<k>/…, operationIds suffixed), side by side. Each runs in a copy of the tracked
// files under .bench-out/scale-project/, generated there, with the repository's
// node_modules linked. A type error is a failed measurement: the tests' deliberate
// errors (`@ts-expect-error` on a wrong path-style call) must stay errors at any size.
//
//   node bench/scale-project.mjs [--times 20] [--rounds 3]   # goal: N× within 2× of 1× in time and memory
//   (with --rounds, the two are type-checked alternately and the run of median CPU time is shown)
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { replicate } from "./scale.mjs";
import { ROOT } from "./sizes.mjs";

/** A copy of the tracked files (as they are in the working tree) in `dir`. */
function copyTree(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    let text;
    try {
      text = readFileSync(join(ROOT, file));
    } catch {
      continue; // deleted in the working tree
    }
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
}

/** `npm run typecheck`'s tsc in `dir`: wall time, peak RSS and tsc's own figures. */
function typecheck(dir) {
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  const start = performance.now();
  const r = spawnSync(
    "/usr/bin/time",
    ["-f", "%M %U %S", process.execPath, tsc, "-p", "tsconfig.json", "--noEmit", "--extendedDiagnostics"],
    {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 64 << 20,
    },
  );
  const seconds = (performance.now() - start) / 1000;
  const usage = r.stderr.trim().split("\n").at(-1).split(" ");
  const figure = (name) => Number(new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(r.stdout)?.[1]);
  return {
    seconds,
    peakMiB: Number(usage[0]) / 1024,
    // CPU seconds (user + system): steadier than wall time on a machine busy with other work.
    cpuS: Number(usage[1]) + Number(usage[2]),
    memoryMiB: figure("Memory used") / 1024,
    checkS: figure("Check time"),
    types: figure("Types"),
    instantiations: figure("Instantiations"),
    errors: r.stdout.split("\n").filter((l) => /error TS\d+/.test(l)),
  };
}

/** A copy of the repository with `spec` vendored and generated, ready to type-check. */
function prepare(name, spec) {
  const dir = join(ROOT, ".bench-out", "scale-project", name);
  copyTree(dir);
  writeFileSync(join(dir, "openapi/openapi.json"), `${JSON.stringify(spec, null, 2)}\n`);
  execFileSync(process.execPath, ["scripts/generate.mjs", "--skip-lint"], { cwd: dir, stdio: "ignore" });
  return dir;
}

/** The run with the median CPU time of `runs` (type and memory figures do not vary between runs). */
function median(runs) {
  return [...runs].sort((a, b) => a.cpuS - b.cpuS)[Math.floor(runs.length / 2)];
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const at = process.argv.indexOf("--times");
  const times = at >= 0 ? Number(process.argv[at + 1]) : 20;
  const spec = JSON.parse(readFileSync(join(ROOT, "openapi/openapi.json"), "utf8"));
  const roundsAt = process.argv.indexOf("--rounds");
  const rounds = roundsAt >= 0 ? Number(process.argv[roundsAt + 1]) : 1;
  const dirs = [prepare("x1", spec), prepare(`x${times}`, replicate(spec, times))];
  // Alternated, so that a change in the machine's load falls on both sides alike.
  const runs = [[], []];
  for (let i = 0; i < rounds; i++) for (const side of [0, 1]) runs[side].push(typecheck(dirs[side]));
  const [real, scaled] = runs.map(median);
  console.log("| spec | tsc wall | tsc CPU | check time | memory (tsc) | peak RSS | types | instantiations |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const [label, m] of [
    ["real", real],
    [`${times}×`, scaled],
  ]) {
    console.log(
      `| ${label} | ${m.seconds.toFixed(1)} s | ${m.cpuS.toFixed(1)} s | ${m.checkS.toFixed(1)} s | ${m.memoryMiB.toFixed(0)} MiB | ${m.peakMiB.toFixed(0)} MiB | ${m.types} | ${m.instantiations} |`,
    );
  }
  for (const [label, m] of [
    ["real", real],
    [`${times}×`, scaled],
  ]) {
    if (m.errors.length) console.log(`\n${label}: ${m.errors.length} type errors:\n${m.errors.join("\n")}`);
  }
  const ratio = (a, b) => (b / a).toFixed(2);
  console.log(
    `\n${times}× / real, npm run typecheck: wall ${ratio(real.seconds, scaled.seconds)}, CPU ${ratio(real.cpuS, scaled.cpuS)}, memory ${ratio(real.memoryMiB, scaled.memoryMiB)}, peak RSS ${ratio(real.peakMiB, scaled.peakMiB)} (goal: ≤ 2, no type errors)`,
  );
  if (real.errors.length || scaled.errors.length) process.exitCode = 1;
}
