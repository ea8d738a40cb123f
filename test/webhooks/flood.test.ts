// Issue 19.1's flood, for real: a webhook server in a process of its own (node:http
// through toNodeListener, Express 5, the fetch-style handler served by Deno.serve, and
// the fetch-style handler behind a hand-written node:http → Request adapter built on
// Readable.toWeb), hit by concurrent uploads of 300 MB each — wrong
// secret, no secret, and the right secret over maxBodyBytes, chunked and with a declared
// Content-Length — from hostile clients that keep sending after the answer and start
// again as soon as they are cut off. Meanwhile genuine deliveries (and redeliveries)
// arrive on the same server. The uploads come from a generator of one reused 64 KiB
// chunk, so the client never holds them. The server reports its peak resident set
// (resourceUsage().maxRSS, the kernel's high-water mark, not a sample).
//
// The bound, idle + 100 MB: every in-flight request may hold maxBodyBytes (1 MiB) plus
// one chunk (≤ 64 KiB) plus its socket buffers, i.e. ~10 MB for the 8 uploads here,
// plus V8 heap growth under load. 100 MB is ten times that, and a tenth of what ONE such
// upload cost before the fix (1,006 MB for a wrong secret, 1,554 MB for the right one).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhook, webhookEvent } from "../../src/testing/webhooks.js";
import { type UploadResult, upload } from "./fixtures/upload.js";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "chirp-flood-"));
const bundle = join(dir, "chirp-sdk.mjs");
const SECRET = "whsec_flood";
const UPLOAD_BYTES = 300 * 1024 * 1024;
const BOUND_MB = 100;
const children: ChildProcess[] = [];

beforeAll(async () => {
  await build({
    entryPoints: [join(root, "src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: bundle,
    logLevel: "silent",
  });
});

afterAll(() => {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

interface Stats {
  readonly maxRssMB: number;
  readonly rssMB: number;
  readonly handled: Record<string, number>;
}

/** Starts the fixture server of `kind` in its own process; resolves with its base URL once it prints its port. */
function start(kind: string): Promise<string> {
  const script = join(import.meta.dirname, "fixtures/flood-server.mjs");
  const [command, args] =
    kind === "deno"
      ? [
          join(root, "node_modules/.bin/deno"),
          ["run", "--no-config", "--no-lock", "--allow-net=127.0.0.1", "--allow-read", "--allow-sys", script],
        ]
      : [process.execPath, [script]];
  const child = spawn(command, [...args, bundle, kind, SECRET], {
    env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  return new Promise((ok, fail) => {
    child.on("error", fail);
    child.on("exit", (code) => fail(new Error(`flood server (${kind}) exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const port = (JSON.parse(line) as { port?: number }).port;
      if (port !== undefined) ok(`http://127.0.0.1:${port}`);
    });
  });
}

const stats = async (base: string) => (await (await fetch(`${base}/stats`)).json()) as Stats;

const floods = [
  {
    name: "wrong secret, chunked",
    headers: { "X-Webhook-Secret": `${SECRET}-wrong` },
    contentLength: false,
    status: 401,
  },
  { name: "no secret, Content-Length", headers: {}, contentLength: true, status: 401 },
  {
    name: "right secret, chunked, over maxBodyBytes",
    headers: { "X-Webhook-Secret": SECRET },
    contentLength: false,
    status: 413,
  },
  {
    name: "right secret, Content-Length over maxBodyBytes",
    headers: { "X-Webhook-Secret": SECRET },
    contentLength: true,
    status: 413,
  },
] as const;

// Readable.toWeb's cancel() destroys the request and its socket at once, so behind such an
// adapter a sender still sending may see a reset instead of its 401/413 (the README says
// so, and recommends toNodeListener on Node); memory and genuine deliveries hold all the same.
const servers = [
  { kind: "node", answersAlways: true },
  { kind: "express", answersAlways: true },
  { kind: "deno", answersAlways: true },
  { kind: "fetch", answersAlways: false },
] as const;

describe.each(servers)("a flood at a $kind webhook server", ({ kind, answersAlways }) => {
  it("is answered 401/413, leaves memory bounded, and genuine deliveries are handled once", async () => {
    const base = await start(kind);
    const url = `${base}/webhooks`;
    const idle = await stats(base);

    // Two hostile clients per flood kind (8 concurrent uploads), each starting a new
    // 300 MB upload as soon as its last one is cut off, until the genuine deliveries are done.
    let genuineDone = false;
    const results: { name: string; expected: number; result: UploadResult }[] = [];
    const flooder = async (flood: (typeof floods)[number]) => {
      for (let round = 0; round < 2 || !genuineDone; round++) {
        const result = await upload(url, {
          headers: flood.headers,
          bytes: UPLOAD_BYTES,
          contentLength: flood.contentLength,
          keepSending: true,
        });
        results.push({ name: flood.name, expected: flood.status, result });
      }
    };
    const flooding = Promise.all(floods.flatMap((flood) => [flooder(flood), flooder(flood)]));

    // 20 genuine events, four at a time, each delivered and then redelivered (Chirp's retry).
    const events = Array.from({ length: 20 }, () => webhookEvent("messages.sms.received"));
    const answers: unknown[] = [];
    const headers = { "X-Webhook-Secret": SECRET };
    for (let i = 0; i < events.length; i += 4) {
      await Promise.all(
        events.slice(i, i + 4).map(async (event) => {
          const first = await sendWebhook(url, event, { headers });
          const again = await sendWebhook(url, event, { headers });
          answers.push([first.status, await first.json(), again.status, await again.json()]);
        }),
      );
    }
    genuineDone = true;
    await flooding;
    const after = await stats(base);

    expect(answers).toEqual(
      events.map(() => [
        200,
        { received: true, handled: true, duplicate: false },
        200,
        { received: true, handled: true, duplicate: true },
      ]),
    );
    expect(after.handled).toEqual(Object.fromEntries(events.map((event) => [event.data.message.id, 1])));

    expect(results.length).toBeGreaterThanOrEqual(floods.length * 2 * 2);
    for (const { name, expected, result } of results) {
      // Each upload is answered with its status and cut off long before its 300 MB are out.
      const reset = result.status === undefined && /ECONNRESET|EPIPE/.test(result.error ?? "");
      const status = !answersAlways && reset ? expected : result.status;
      expect({ name, status, finished: result.finished }).toEqual({ name, status: expected, finished: false });
      expect(result.sent).toBeLessThan(UPLOAD_BYTES / 2);
    }

    const grewMB = after.maxRssMB - idle.maxRssMB;
    expect(grewMB, `peak RSS ${after.maxRssMB} MB, idle ${idle.maxRssMB} MB`).toBeLessThan(BOUND_MB);
  }, 120_000);
});
