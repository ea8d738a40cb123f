// The runtime matrix: one smoke suite (fixtures/smoke.ts — send, an error class by
// code, a timeout, pagination, webhook unwrap and handler, a refused connection) run
// on every runtime a user may pick, against one loopback API. A runtime this machine
// cannot run is skipped with the reason in the test's title, never passed silently.
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser } from "../fixtures/browser.js";
import { stopAll } from "../frameworks/fixtures/app-process.js";
import { WORKERD } from "../frameworks/fixtures/workerd.js";
import { freePort } from "../rate-limit/fixtures/redis-server.js";
import { type ApiServer, startApiServer } from "./fixtures/api-server.js";
import {
  browser,
  CHROMIUM,
  deno,
  type MatrixSetup,
  onPath,
  systemNode,
  viaRunner,
  workerd,
} from "./fixtures/launchers.js";
import { killAll, type SmokeLine } from "./fixtures/run-cli.js";

const root = resolve(import.meta.dirname, "../..");
const bin = (path: string) => join(root, "node_modules", path);
const dir = mkdtempSync(join(tmpdir(), "chirp-matrix-"));
const bundle = join(dir, "smoke.mjs");
const runner = join(dir, "run-smoke.mjs");
const PAGE = `<!doctype html><script type="module">
import { smoke } from "/smoke.js";
const targets = JSON.parse(new URLSearchParams(location.search).get("t"));
smoke(targets).then((result) => { window.__result = { result }; }, (e) => { window.__result = { error: String(e && e.stack || e) }; });
</script>`;

let api: ApiServer;
let targets: { baseUrl: string; refusedUrl: string };
const ran: string[] = [];

beforeAll(async () => {
  const code = await bundleForBrowser({ entryPoints: [join(import.meta.dirname, "fixtures/smoke.ts")] });
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
  rmSync(dir, { recursive: true, force: true });
  // The matrix as it ran, for the CI log.
  console.log(`runtime matrix:\n${ran.join("\n")}`);
});

type Sent = "not-sent" | "maybe-sent";

/** What every runtime must answer; `sent` is how it reports a refused connection. */
function expected(sent: Sent) {
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
    // createSandbox() (issue 17): in-process, so the same on every runtime.
    sandbox: {
      id: true,
      events: ["messages.sms.sent s3cret", "messages.sms.delivered s3cret"],
      forced: "MessageUndeliverableError",
      invalid: "InvalidPhoneNumberError",
      listed: ["DELIVERED"],
      requests: ["sendSms", "sendSms", "sendSms", "listOrganizationSmsMessages"],
    },
  };
}

const setup = (): MatrixSetup => ({ dir, bundle, runner, targets });
const node20 = systemNode("20");
const missing = (path: string, why: string) => (existsSync(path) ? undefined : why);

const matrix: [name: string, skip: string | undefined, run: () => Promise<SmokeLine>, sent: Sent][] = [
  [
    "Node 20",
    node20 ? undefined : "no Node 20 on PATH outside node_modules",
    () => viaRunner(setup(), node20 ?? ""),
    "not-sent",
  ],
  [
    "Node 22",
    missing(bin("node22/bin/node"), "node_modules/node22 is not installed"),
    () => viaRunner(setup(), bin("node22/bin/node")),
    "not-sent",
  ],
  [
    "Node 24",
    missing(bin("node24/bin/node"), "node_modules/node24 is not installed"),
    () => viaRunner(setup(), bin("node24/bin/node")),
    "not-sent",
  ],
  [
    "Bun",
    missing(bin(".bin/bun"), "the bun package is not installed"),
    () => viaRunner(setup(), bin(".bin/bun"), ["run"]),
    "not-sent",
  ],
  [
    "Deno",
    onPath("script")
      ? missing(bin(".bin/deno"), "the deno package is not installed")
      : "script(1) is missing (util-linux)",
    () => deno(setup(), bin(".bin/deno")),
    "not-sent",
  ],
  ["workerd", missing(WORKERD, "the workerd package is not installed"), () => workerd(setup()), "maybe-sent"],
  [
    "Chromium",
    missing(CHROMIUM, `${CHROMIUM} is missing (apt-get install chromium)`),
    () => browser(setup()),
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
