// The runtime matrix: one smoke suite (fixtures/smoke.ts — send, an error class by
// code, a timeout, pagination, webhook unwrap and handler, a refused connection) run
// on every runtime a user may pick, against one loopback API. A runtime this machine
// cannot run is skipped with the reason in the test's title, never passed silently.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopAll } from "../frameworks/fixtures/app-process.js";
import { startWorker, WORKERD } from "../frameworks/fixtures/workerd.js";
import { freePort } from "../rate-limit/fixtures/redis-server.js";
import { type ApiServer, startApiServer } from "./fixtures/api-server.js";
import { killAll, runCli, type SmokeLine } from "./fixtures/run-cli.js";

const root = resolve(import.meta.dirname, "../..");
const bin = (path: string) => join(root, "node_modules", path);
const dir = mkdtempSync(join(tmpdir(), "chirp-matrix-"));
const bundle = join(dir, "smoke.mjs");
const runner = join(dir, "run-smoke.mjs");
const CHROMIUM = "/usr/bin/chromium";
const PAGE = `<!doctype html><script type="module">
import { smoke } from "/smoke.js";
const targets = JSON.parse(new URLSearchParams(location.search).get("t"));
smoke(targets).then((result) => { window.__result = { result }; }, (e) => { window.__result = { error: String(e && e.stack || e) }; });
</script>`;

let api: ApiServer;
let targets: { baseUrl: string; refusedUrl: string };
const ran: string[] = [];

beforeAll(async () => {
  const built = await build({
    entryPoints: [join(import.meta.dirname, "fixtures/smoke.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    alias: { "chirp-sdk": join(root, "src/index.ts") },
  });
  const code = built.outputFiles[0]?.text ?? "";
  writeFileSync(bundle, code);
  copyFileSync(join(import.meta.dirname, "fixtures/run-smoke.mjs"), runner);
  api = await startApiServer({ html: PAGE, bundle: code });
  // A port nothing listens on: the OS picked it free, and it was closed again.
  targets = { baseUrl: api.url, refusedUrl: `http://127.0.0.1:${await freePort()}` };
}, 60_000);

afterAll(async () => {
  killAll();
  await stopAll();
  await api?.close();
  // The matrix as it ran, for the CI log.
  console.log(`runtime matrix:\n${ran.join("\n")}`);
});

/** What every runtime must answer; `sent` is how it reports a refused connection. */
function expected(sent: "not-sent" | "maybe-sent") {
  return {
    appKeyOnly: true,
    send: { id: "msg_sms_matrix", remaining: 99 },
    errorByCode: { name: "TemplateNotFoundError", byCode: true, family: true, status: 404 },
    timeout: { name: "ChirpTimeoutError", timeout: true },
    pagination: ["m1", "m2", "m3"],
    unwrap: "messages.sms.received",
    handler: {
      statuses: [200, 200],
      second: { received: true, handled: true, duplicate: true },
      runs: ["msg_sms_matrix"],
    },
    // Not sent: the POST is retried once (2 attempts). Maybe sent: a POST is never retried.
    refused: { name: "ChirpConnectionError", config: false, sent, attempts: sent === "not-sent" ? 2 : 1 },
  };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const args = () => [pathToFileURL(bundle).href, JSON.stringify(targets)];

function deno(): Promise<SmokeLine> {
  const denied = `http://127.0.0.2:${new URL(targets.baseUrl).port}`;
  const command = [
    bin(".bin/deno"),
    ...["run", "--no-config", "--no-lock", `--allow-read=${dir}`, "--allow-net=127.0.0.1", "--deny-net=127.0.0.2"],
    runner,
    ...[pathToFileURL(bundle).href, JSON.stringify({ ...targets, deniedUrl: denied })],
  ];
  // In a terminal (script(1) gives it one) Deno prompts for a variable it was not granted
  // and waits for an answer: the run would time out if the client read one. No --allow-env.
  return runCli("script", ["-qec", command.map(quote).join(" "), "/dev/null"], 45_000);
}

async function workerd(): Promise<SmokeLine> {
  const app = await startWorker(join(import.meta.dirname, "fixtures/smoke-worker.ts"), {
    TARGETS: JSON.stringify(targets),
  });
  const line = (await (await fetch(app.url)).json()) as SmokeLine;
  const version = execFileSync(WORKERD, ["--version"], { encoding: "utf8" }).trim();
  return { ...line, runtime: `${version} (${line.runtime})` };
}

async function browser(): Promise<SmokeLine> {
  const instance = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root, without a GPU, and with no background traffic to hosts this machine cannot reach.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await instance.newPage();
    await page.goto(`${api.url}/?t=${encodeURIComponent(JSON.stringify(targets))}`);
    await page.waitForFunction(() => "__result" in window, undefined, { timeout: 30_000 });
    const line = await page.evaluate(() => (window as unknown as { __result: SmokeLine }).__result);
    return { ...line, runtime: `chromium ${instance.version()}` };
  } finally {
    await instance.close();
  }
}

// Under npm scripts node_modules/.bin comes first on PATH, and the node22 package puts a
// `node` there: the test runner itself may be Node 22. Node 20 is the system's.
function systemNode(major: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const candidate = join(dir, "node");
    if (dir.includes("node_modules") || !existsSync(candidate)) continue;
    const version = execFileSync(candidate, ["--version"], { encoding: "utf8" }).trim();
    if (version.startsWith(`v${major}.`)) return candidate;
  }
  return undefined;
}
const node20 = systemNode("20");

const which = (command: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
};

const matrix: [
  name: string,
  missing: string | undefined,
  run: () => Promise<SmokeLine>,
  sent: "not-sent" | "maybe-sent",
][] = [
  [
    "Node 20",
    node20 === undefined ? "no Node 20 on PATH outside node_modules" : undefined,
    () => runCli(node20 ?? "", [runner, ...args()]),
    "not-sent",
  ],
  [
    "Node 22",
    existsSync(bin("node22/bin/node")) ? undefined : "node_modules/node22 is not installed",
    () => runCli(bin("node22/bin/node"), [runner, ...args()]),
    "not-sent",
  ],
  [
    "Node 24",
    existsSync(bin("node24/bin/node")) ? undefined : "node_modules/node24 is not installed",
    () => runCli(bin("node24/bin/node"), [runner, ...args()]),
    "not-sent",
  ],
  [
    "Bun",
    existsSync(bin(".bin/bun")) ? undefined : "the bun package is not installed",
    () => runCli(bin(".bin/bun"), ["run", runner, ...args()]),
    "not-sent",
  ],
  [
    "Deno",
    existsSync(bin(".bin/deno")) && which("script") ? undefined : "deno or script(1) is missing",
    deno,
    "not-sent",
  ],
  ["workerd", existsSync(WORKERD) ? undefined : "the workerd package is not installed", workerd, "maybe-sent"],
  [
    "Chromium",
    existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`,
    browser,
    "maybe-sent",
  ],
];

describe("runtime matrix", () => {
  for (const [name, missing, run, sent] of matrix) {
    const title = missing === undefined ? name : `${name} — skipped: ${missing}`;
    it.skipIf(missing !== undefined)(
      title,
      async () => {
        const line = await run();
        ran.push(`${name}: ${line.runtime}`);
        expect(line.error).toBeUndefined();
        const { denied, ...result } = line.result ?? {};
        expect(result).toEqual(expected(sent));
        // Deno without net access to a host: a ChirpConfigError at once, never retried.
        if (name === "Deno")
          expect(denied).toEqual({ name: "ChirpConfigError", config: true, sent: null, attempts: 1 });
      },
      90_000,
    );
  }
});
