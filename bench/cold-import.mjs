// Cold import time: a fresh `node` that imports one module and exits, as a ratio to
// `node -e 0` measured in the same run. Targets and the baseline are spawned in
// turn, round after round, so that load on the machine hits them alike; medians.
import { spawnSync } from "node:child_process";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timeSpawn(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * @param {Record<string, string>} targets name → absolute path (or file: URL) of the module to import
 * @param {number} runs spawns per target
 * @returns {{ baselineMs: number, results: Record<string, { ms: number, ratio: number }> }}
 */
export function coldImport(targets, runs) {
  const times = { baseline: [] };
  for (const name of Object.keys(targets)) times[name] = [];
  const cmd = (path) => ["--input-type=module", "-e", `await import(${JSON.stringify(path)})`];
  for (let i = 0; i < runs; i++) {
    times.baseline.push(timeSpawn(["-e", "0"]));
    for (const [name, path] of Object.entries(targets)) times[name].push(timeSpawn(cmd(path)));
  }
  const baselineMs = median(times.baseline);
  const results = {};
  for (const name of Object.keys(targets)) {
    const ms = median(times[name]);
    results[name] = { ms, ratio: ms / baselineMs };
  }
  return { baselineMs, results };
}
