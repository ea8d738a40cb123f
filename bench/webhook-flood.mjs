// node bench/webhook-flood.mjs [--kind node|express|fetch|deno] [--mb 300] [--rev <git revision>]
// Issue 19.1's table, measured: one upload per fresh server process (the webhook server
// of test/webhooks/fixtures/flood-server.mjs, default node:http through toNodeListener),
// and for each: the answer, when it came, and the server's peak resident set
// (resourceUsage().maxRSS, the kernel's high-water mark) against its idle one. The
// client streams the body from one reused 64 KiB chunk and stops once answered (as curl
// does); it never holds the upload. "Body the client got into its socket" is what the
// client's kernel accepted before the answer arrived (socket buffers, a few MB on
// loopback), not what the server read. --rev measures the SDK as of another revision
// (bundled from `git archive`), e.g. --rev 7d6f3e7 for the code before the fix.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    kind: { type: "string", default: "node" },
    mb: { type: "string", default: "300" },
    rev: { type: "string" },
  },
});
const BYTES = Number(values.mb) * 1024 * 1024;
const SECRET = "whsec_bench";
const dir = mkdtempSync(join(tmpdir(), "chirp-webhook-flood-"));

/** The SDK bundled for node from src/ (or from src/ of --rev). */
async function bundleSdk() {
  let src = join(ROOT, "src");
  if (values.rev) {
    const tree = join(dir, "rev");
    mkdirSync(tree);
    const tar = execFileSync("git", ["-C", ROOT, "archive", values.rev, "src"]);
    execFileSync("tar", ["-x", "-C", tree], { input: tar });
    src = join(tree, "src");
  }
  const outfile = join(dir, "chirp-sdk.mjs");
  await build({
    entryPoints: [join(src, "index.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    nodePaths: [join(ROOT, "node_modules")],
    logLevel: "silent",
  });
  return outfile;
}

function startServer(bundle) {
  const script = join(ROOT, "test/webhooks/fixtures/flood-server.mjs");
  const [command, args] =
    values.kind === "deno"
      ? [join(ROOT, "node_modules/.bin/deno"), ["run", "--no-config", "--no-lock", "-A", script]]
      : [process.execPath, [script]];
  const child = spawn(command, [...args, bundle, values.kind, SECRET], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((ok, fail) => {
    child.on("exit", (code) => fail(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const port = JSON.parse(line).port;
      if (port !== undefined) ok({ child, base: `http://127.0.0.1:${port}` });
    });
  });
}

const stats = async (base) => (await fetch(`${base}/stats`)).json();

/** One upload of BYTES; resolves with the answer's status, when it came, and how much was sent by then. */
function uploadOnce(url, headers, chunked) {
  const started = performance.now();
  const target = new URL(url);
  const req = request({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: "POST",
    agent: false,
    headers: {
      "content-type": "application/json",
      ...headers,
      ...(chunked ? {} : { "content-length": String(BYTES) }),
    },
  });
  let sent = 0;
  let answered;
  return new Promise((done) => {
    req.on("response", (res) => {
      answered = { status: res.statusCode, ms: performance.now() - started, sent };
      res.resume();
      res.on("end", () => {
        req.destroy();
        done(answered);
      });
    });
    req.on("error", (error) => {
      if (!answered) done({ status: `no answer (${error.code})`, ms: performance.now() - started, sent });
    });
    req.on("close", () => {
      if (!answered) done({ status: "closed, no answer", ms: performance.now() - started, sent });
    });
    req.flushHeaders();
    const chunk = new Uint8Array(65_536).fill(0x61);
    (async () => {
      while (sent < BYTES && !answered && !req.destroyed) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) await new Promise((go) => req.once("drain", go).once("close", go));
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}

const rows = [
  ["wrong secret", { "X-Webhook-Secret": `${SECRET}-wrong` }, false],
  ["no secret header", {}, false],
  ["right secret, over maxBodyBytes (Content-Length)", { "X-Webhook-Secret": SECRET }, false],
  ["right secret, over maxBodyBytes (chunked)", { "X-Webhook-Secret": SECRET }, true],
];

const bundle = await bundleSdk();
const mb = (n) => `${Math.round(n).toLocaleString("en-US")} MB`;
const out = [
  `Webhook flood, one ${values.mb} MB upload per fresh ${values.kind} server process` +
    `${values.rev ? ` (SDK as of ${values.rev})` : ""}; Node ${process.version}:`,
  "",
  "| request | answer | body the client got into its socket by then | server idle RSS | server peak RSS |",
  "|---|---|---|---|---|",
];
for (const [name, headers, chunked] of rows) {
  const { child, base } = await startServer(bundle);
  const idle = await stats(base);
  const answer = await uploadOnce(`${base}/webhooks`, headers, chunked);
  const after = await stats(base);
  child.removeAllListeners("exit");
  child.kill();
  const when = answer.ms < 1000 ? `${Math.round(answer.ms)} ms` : `${(answer.ms / 1000).toFixed(1)} s`;
  out.push(
    `| ${name}, ${values.mb} MB body | ${answer.status} after ${when} | ${mb(answer.sent / 1024 / 1024)} | ${mb(idle.maxRssMB)} | **${mb(after.maxRssMB)}** |`,
  );
  process.stderr.write(`${out.at(-1)}\n`);
}
rmSync(dir, { recursive: true, force: true });
console.log(out.join("\n"));
