// Issue 7, part 4: 1,000 SMS sends through a local server enforcing 100 per window
// (the minute scaled to 1 s), by 1, 4 and 8 worker processes sharing one budget in
// a real redis-server. Writes bench/rate-limit/RESULTS.md.
// Run: npm run bench:rate-limit   (needs redis-server on the PATH)
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startLimitServer } from "../../test/rate-limit/fixtures/limit-server.js";
import { startRedis } from "../../test/rate-limit/fixtures/redis-server.js";
import { startWorker, texts } from "../../test/rate-limit/fixtures/workers.js";

const TOTAL = 1000;
const LIMIT = 100;
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 1000);
const WORKERS = [1, 4, 8];

interface Row {
  readonly workers: number;
  readonly seconds: number;
  readonly windows: number;
  readonly share: number;
  readonly fullWindowShare: number;
  readonly perSecond: number;
  readonly refusedAfterFirst: number;
  readonly refusedTotal: number;
  readonly lost: number;
  readonly duplicated: number;
}

async function once(workers: number, redisPort: number): Promise<Row> {
  const server = await startLimitServer(LIMIT, WINDOW_MS);
  try {
    const settings = {
      baseUrl: server.url,
      redisPort,
      // A key of its own per run: a fresh budget in Redis.
      appKey: `sk_test_app_bench_${workers}_${Date.now()}`,
      limit: LIMIT,
      windowMs: WINDOW_MS,
    };
    const all = texts(`w${workers}`, TOTAL);
    const shares = Array.from({ length: workers }, (_, w) => all.filter((_, i) => i % workers === w));
    const reports = await Promise.all(shares.map((share) => startWorker(settings, share).done));
    const accepted = server.log.accepted;
    const times = accepted.map(([at]) => at);
    const first = Math.min(...times, ...server.log.refused);
    const last = Math.max(...times);
    const firstWindow = Math.floor(first / WINDOW_MS);
    const windows = Math.floor(last / WINDOW_MS) - firstWindow + 1;
    // The windows strictly between the first (the run starts anywhere in it) and the last (the run runs out).
    const inner = new Map<number, number>();
    for (const at of times) {
      const w = Math.floor(at / WINDOW_MS);
      if (w > firstWindow && w < firstWindow + windows - 1) inner.set(w, (inner.get(w) ?? 0) + 1);
    }
    const innerSent = [...inner.values()].reduce((a, b) => a + b, 0);
    const perText = new Map<string, number>();
    for (const [, text] of accepted) perText.set(text, (perText.get(text) ?? 0) + 1);
    const fulfilled = reports.reduce((n, r) => n + r.fulfilled, 0);
    return {
      workers,
      seconds: (last - first) / 1000,
      windows,
      share: accepted.length / (LIMIT * windows),
      fullWindowShare: innerSent / (LIMIT * Math.max(1, windows - 2)),
      perSecond: accepted.length / ((last - first) / 1000),
      refusedAfterFirst: server.log.refused.filter((at) => Math.floor(at / WINDOW_MS) > firstWindow).length,
      refusedTotal: server.log.refused.length,
      lost: all.filter((t) => !perText.has(t)).length + (TOTAL - fulfilled - all.filter((t) => !perText.has(t)).length),
      duplicated: [...perText.values()].filter((n) => n > 1).length,
    };
  } finally {
    await server.close();
  }
}

const redis = await startRedis();
const rows: Row[] = [];
try {
  for (const workers of WORKERS) {
    const row = await once(workers, redis.port);
    rows.push(row);
    console.log(JSON.stringify(row));
  }
} finally {
  await redis.stop();
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const table = [
  "| workers | achieved / allowed (full windows) | windows used (min 10) | sent ÷ (100 × windows used) | sends/s | 429s after 1st window | 429s total | lost | sent twice |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.workers} | ${pct(r.fullWindowShare)} | ${r.windows} | ${pct(r.share)} | ${r.perSecond.toFixed(1)} | ${r.refusedAfterFirst} | ${r.refusedTotal} | ${r.lost} | ${r.duplicated} |`,
  ),
].join("\n");
const md = `# Rate limiter: measured

\`npm run bench:rate-limit\` (bench/rate-limit/run.ts), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.

${TOTAL} \`sendSms\` calls through \`sendSmsBatch\`, split evenly over N worker processes, each with its own
\`Chirp({ rateLimit: rateLimiter({ store: new RedisRateLimitStore(redis) }) })\` on one local redis-server, against a loopback
server that allows ${LIMIT} sends per fixed ${WINDOW_MS} ms window (Chirp's minute scaled down; \`X-RateLimit-Reset\`
and \`Retry-After\` in fractional seconds to match) and logs every arrival.

- **achieved / allowed (full windows)**: sends accepted in the windows strictly between the run's first and last ÷
  (${LIMIT} × those windows) — the allowed rate used while the queue was full. Goal ≥ 95 %. The first window is left
  out because the run starts anywhere in it (a start 30 ms before a reset can use only 30 ms), the last because the
  run runs out of messages in it.
- **windows used** and **sent ÷ (100 × windows used)**: end to end, first arrival to last; 10 is the least possible.
- **sends/s**: accepted ÷ (last − first arrival); above ${(1000 * LIMIT) / WINDOW_MS} when the run starts late in its
  first window (that window still allows ${LIMIT}).
- **lost**: messages that never reached the server or did not resolve fulfilled; **sent twice**: accepted more than once.

${table}
`;
const out = fileURLToPath(new URL("./RESULTS.md", import.meta.url));
writeFileSync(out, md);
// The repository's formatter aligns Markdown tables; keep the file as `npm run lint` wants it.
spawnSync(process.execPath, [
  fileURLToPath(new URL("../../node_modules/@biomejs/biome/bin/biome", import.meta.url)),
  "format",
  "--write",
  out,
]);
console.log(`\n${table}`);
