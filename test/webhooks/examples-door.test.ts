// The door on the framework examples (examples/webhooks/), each running as its own app
// on its real framework and runtime: the secret is checked before a byte of the body is
// read, and a body over maxBodyBytes is refused — declared, before a byte is read;
// chunked, at the first byte too many while the upload is still open.
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhook, webhookEvent } from "../../src/testing/webhooks.js";
import { type AppProcess, startApp, stopAll } from "../frameworks/fixtures/app-process.js";
import { openUpload } from "./fixtures/upload.js";

const root = resolve(import.meta.dirname, "../..");
const examples = join(root, "examples/webhooks");
const SECRET = "whsec_examples_door";
const MAX = 1_048_576; // the examples keep the default maxBodyBytes
const env = { CHIRP_WEBHOOK_SECRET: SECRET, PORT: "0" };
const tsx = (file: string) => startApp(process.execPath, ["--import", "tsx", join(examples, file)], env);

const apps: [name: string, start: () => Promise<AppProcess>][] = [
  ["Express 5 (express.ts)", () => tsx("express.ts")],
  ["Express 5 in an app with express.json() (express-json.ts)", () => tsx("express-json.ts")],
  ["Fastify 5 (fastify.ts)", () => tsx("fastify.ts")],
  [
    "Hono 4 on Bun (hono.ts)",
    () => startApp(join(root, "node_modules/.bin/bun"), ["run", join(examples, "hono.ts")], env),
  ],
];

const running = new Map<string, Promise<AppProcess>>();
beforeAll(() => {
  for (const [name, start] of apps) {
    const app = start();
    app.catch(() => {});
    running.set(name, app);
  }
});
afterAll(() => stopAll());

describe.each(apps)("%s", (name) => {
  it("401 on the headers alone, 413 for a body over the bound, 200 for a genuine delivery", async () => {
    const app = await running.get(name)!;
    const url = `${app.url}/webhooks/chirp`;

    // Headers only, no body byte written yet: the answer cannot have waited for the body.
    for (const headers of [{ "X-Webhook-Secret": `${SECRET}x` }, {}]) {
      const up = openUpload(url, headers);
      const answer = await up.answer;
      expect([answer.status, JSON.parse(answer.body)]).toEqual([401, { error: "unauthorized" }]);
      up.destroy();
    }

    const declared = openUpload(url, { "X-Webhook-Secret": SECRET, "content-length": String(300 * 1024 * 1024) });
    expect((await declared.answer).status).toBe(413);
    declared.destroy();

    const chunked = openUpload(url, { "X-Webhook-Secret": SECRET });
    chunked.write(new Uint8Array(MAX + 1).fill(0x61)); // never ended
    expect((await chunked.answer).status).toBe(413);
    chunked.destroy();

    const event = webhookEvent("messages.sms.received");
    const genuine = await sendWebhook(url, event, { headers: { "X-Webhook-Secret": SECRET } });
    expect([genuine.status, await genuine.json()]).toEqual([200, { received: true, handled: true, duplicate: false }]);
    await app.waitForLine(new RegExp(`handled messages.sms.received ${event.data.message.id}`));
  }, 90_000);
});
