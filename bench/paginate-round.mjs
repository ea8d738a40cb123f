// Paginates listOrganizationSmsMessages from the bench server (1000 items a page)
// and records RSS and heap at 10k, 100k and 1M items, after a full GC (run with
// --expose-gc) so that what is measured is what is held: flat means one page at a time.
// Prints one JSON line.
import { Chirp } from "../.bench-out/pkg/dist/index.js";
import { createNodeFetch } from "../.bench-out/pkg/dist/node.js";

const [baseUrl, totalArg, transport] = process.argv.slice(2);
const total = Number(totalArg);
const marks = new Set([10_000, 100_000, 1_000_000, total]);
const fetch = transport === "node" ? createNodeFetch() : undefined;
const chirp = new Chirp({ adminKey: "sk_admin_bench0123456789", baseUrl, fetch });
const rss = {};
const heap = {};
let count = 0;
const start = performance.now();
for await (const message of chirp.paginate("listOrganizationSmsMessages", { query: { limit: "1000" } })) {
  if (!message.id) throw new Error("item without id");
  count++;
  if (marks.has(count)) {
    globalThis.gc?.();
    const usage = process.memoryUsage();
    rss[count] = usage.rss;
    heap[count] = usage.heapUsed;
  }
}
if (count !== total) throw new Error(`expected ${total} items, got ${count}`);
process.stdout.write(`${JSON.stringify({ count, seconds: (performance.now() - start) / 1000, rss, heap })}\n`);
