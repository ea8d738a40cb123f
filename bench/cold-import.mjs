// Cold import time: a fresh `node` that imports one module and exits, as a ratio to
// `node -e 0` measured in the same run. Targets and the baseline are spawned in
// turn, cycle after cycle, so that load on the machine hits them alike; medians.
import { spawnSync } from "node:child_process";
import { median } from "./stats.mjs";

function timeSpawn(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * @param {Record<string, string>} targets name → absolute path (or file: URL) of the module to import
 * @param {number} runs spawns per target
 * @returns {{ baselineMs: number, results: Record<string, { ms: number, ratio: number }> }} ratio: median of per-cycle ratios
 */
export function coldImport(targets, runs) {
  const names = Object.keys(targets);
  const times = { baseline: [] };
  const ratios = {};
  for (const name of names) {
    times[name] = [];
    ratios[name] = [];
  }
  const cmd = (path) => ["--input-type=module", "-e", `await import(${JSON.stringify(path)})`];
  for (let i = 0; i < runs; i++) {
    // Each cycle times the baseline and every target, in a rotating order; a target's
    // ratio is to the baseline of its own cycle, so a burst of load cancels out.
    const cycle = {};
    const order = ["baseline", ...names].map((_, k, all) => all[(k + i) % all.length]);
    for (const name of order) {
      cycle[name] = name === "baseline" ? timeSpawn(["-e", "0"]) : timeSpawn(cmd(targets[name]));
      times[name].push(cycle[name]);
    }
    for (const name of names) ratios[name].push(cycle[name] / cycle.baseline);
  }
  const baselineMs = median(times.baseline);
  const results = {};
  for (const name of names) results[name] = { ms: median(times[name]), ratio: median(ratios[name]) };
  return { baselineMs, results };
}
