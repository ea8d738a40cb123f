// The handler answering real HTTP POSTs on loopback under Bun and under Deno.
// The main entry is bundled from source for the browser platform first: that
// build fails if anything reachable from src/index.ts imports a node: module.
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhook, webhookEvent } from "../../src/testing/webhooks.js";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "chirp-webhooks-"));
const bundle = join(dir, "chirp-sdk.mjs");
const script = join(dir, "serve-webhooks.mjs");
const children: ChildProcess[] = [];

beforeAll(async () => {
  await build({
    entryPoints: [join(root, "src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    outfile: bundle,
    logLevel: "silent",
  });
  copyFileSync(join(import.meta.dirname, "fixtures/serve-webhooks.mjs"), script);
});

afterAll(() => {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the fixture server under a runtime; resolves with its base URL once it prints its port. */
function start(command: string, args: string[]): Promise<string> {
  const child = spawn(join(root, "node_modules/.bin", command), args, {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolvePort, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`${command} exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const port = (JSON.parse(line) as { port?: number }).port;
      if (port !== undefined) resolvePort(`http://127.0.0.1:${port}`);
    });
  });
}

const runtimes = [
  ["bun", () => ["run", script, bundle]],
  [
    "deno",
    () => [
      "run",
      "--no-config",
      "--no-lock",
      "--allow-net=127.0.0.1",
      `--allow-read=${dir}`,
      script,
      pathToFileURL(bundle).href,
    ],
  ],
] as const;

describe.each(runtimes)("under %s", (name, args) => {
  let base: string;
  beforeAll(async () => {
    base = await start(name, args());
  });

  const headers = { "X-Webhook-Secret": "s3cret" };

  it("answers 200 once the handler ran, and handles a redelivery once", async () => {
    const event = webhookEvent("messages.sms.received");
    const first = await sendWebhook(`${base}/webhooks`, event, { headers });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, handled: true, duplicate: false });
    const again = await sendWebhook(`${base}/webhooks`, event, { headers: { "x-webhook-secret": "s3cret" } });
    expect(await again.json()).toEqual({ received: true, handled: true, duplicate: true });
    const state = (await (await fetch(`${base}/handled`)).json()) as { runtime: string; handled: string[] };
    expect(state).toEqual({ runtime: name, handled: [event.data.message.id] });
  });

  it("answers 401 for a wrong or missing secret", async () => {
    const event = webhookEvent("messages.sms.received");
    expect((await sendWebhook(`${base}/webhooks`, event, { headers: { "X-Webhook-Secret": "s3cre" } })).status).toBe(
      401,
    );
    expect((await sendWebhook(`${base}/webhooks`, event)).status).toBe(401);
  });

  it("answers 400 for a bad body, 500 for a failing handler, 200 for an unknown event", async () => {
    expect((await sendWebhook(`${base}/webhooks`, "[1]", { headers })).status).toBe(400);
    expect((await sendWebhook(`${base}/webhooks`, webhookEvent("calls.failed"), { headers })).status).toBe(500);
    const unknown = await sendWebhook(`${base}/webhooks`, webhookEvent("groups.whatsapp.created"), { headers });
    expect(await unknown.json()).toEqual({ received: true, handled: false });
  });
});
