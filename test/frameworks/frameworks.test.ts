// The same deliveries, over real loopback HTTP, to each example app in examples/webhooks/
// running on its real framework and runtime: Express 5 (with and without express.json()
// before the route), Fastify 5, Hono 4 on Bun, a Next.js-style route handler, and a
// Cloudflare Worker in workerd. Each app prints "handled <event> <id>" when its handler
// runs, so the test counts handler runs from the app's own output.
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhook, webhookEvent } from "../../src/testing/webhooks.js";
import { type AppProcess, startApp, stopAll } from "./fixtures/app-process.js";
import { startWorker } from "./fixtures/workerd.js";

const root = resolve(import.meta.dirname, "../..");
const examples = join(root, "examples/webhooks");
const bun = join(root, "node_modules/.bin/bun");
const SECRET = "whsec_frameworks_test";
const env = { CHIRP_WEBHOOK_SECRET: SECRET, PORT: "0" };
const tsx = (file: string) => startApp(process.execPath, ["--import", "tsx", join(examples, file)], env);

// Whether the framework's own JSON parser sees the body before the handler does: a
// malformed body is then answered 400 by the framework, in its own words.
const apps: [name: string, start: () => Promise<AppProcess>, parsesFirst: boolean][] = [
  ["Express 5", () => tsx("express.ts"), false],
  ["Express 5 + express.json()", () => tsx("express-json.ts"), true],
  ["Fastify 5", () => tsx("fastify.ts"), true],
  ["Hono 4 (Bun)", () => startApp(bun, ["run", join(examples, "hono.ts")], env), false],
  [
    "Next.js route handler (Bun.serve)",
    () => startApp(bun, ["run", join(root, "test/frameworks/fixtures/serve-route.mjs")], env),
    false,
  ],
  [
    "Cloudflare Worker (workerd)",
    () => startWorker(join(examples, "worker.ts"), { CHIRP_WEBHOOK_SECRET: SECRET }),
    false,
  ],
];

const running = new Map<string, Promise<AppProcess>>();
beforeAll(() => {
  // All start at once; each test awaits its own, so a slow start costs one wait, not six.
  for (const [name, start] of apps) {
    const app = start();
    app.catch(() => {});
    running.set(name, app);
  }
});
afterAll(() => stopAll());

describe.each(apps)("%s", (name, _start, parsesFirst) => {
  it("answers the same deliveries the same way, and runs the handler once per event", async () => {
    const app = await running.get(name)!;
    const url = `${app.url}/webhooks/chirp`;
    const right = { headers: { "X-Webhook-Secret": SECRET } };
    const event = webhookEvent("messages.sms.received");
    const forged = webhookEvent("messages.sms.received");

    const first = await sendWebhook(url, event, right);
    expect([first.status, await first.json()]).toEqual([200, { received: true, handled: true, duplicate: false }]);

    const wrong = await sendWebhook(url, forged, { headers: { "X-Webhook-Secret": `${SECRET}x` } });
    expect([wrong.status, await wrong.json()]).toEqual([401, { error: "unauthorized" }]);
    const missing = await sendWebhook(url, forged);
    expect([missing.status, await missing.json()]).toEqual([401, { error: "unauthorized" }]);

    const again = await sendWebhook(url, event, right);
    expect([again.status, await again.json()]).toEqual([200, { received: true, handled: true, duplicate: true }]);

    const malformed = await sendWebhook(url, '{"event": "messages.sms.received",', right);
    expect(malformed.status).toBe(400);
    const answer = await malformed.text();
    if (!parsesFirst) expect(JSON.parse(answer)).toEqual({ error: "Webhook body rejected: the body is not JSON" });

    // Output is in order: once the sentinel's line is out, any second run of `event` would be too.
    const sentinel = webhookEvent("messages.sms.received");
    expect((await sendWebhook(url, sentinel, right)).status).toBe(200);
    await app.waitForLine(new RegExp(sentinel.data.message.id));
    const runs = (id: string) => app.lines.filter((line) => line === `handled messages.sms.received ${id}`).length;
    expect(runs(event.data.message.id)).toBe(1);
    expect(runs(forged.data.message.id)).toBe(0);
    expect(app.lines.filter((line) => line.startsWith("handled "))).toHaveLength(2);
  }, 90_000);
});
