// The SDK in a real browser: Debian's Chromium, driven by playwright-core, loads a
// page that bundles chirp-sdk for browsers (esbuild, as an app would) and talks to a
// loopback server standing in for the API. Same origin, so no CORS in the way.
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bundleForBrowser, CHROMIUM, launchChromium } from "../fixtures/browser.js";

const root = join(import.meta.dirname, "../..");

// What the page does with the SDK; it reports into window.__result.
const APP = `
import { Chirp, ChirpError, InvalidRequestError, TemplateNotFoundError, Webhooks } from "chirp-sdk";
const out = {};
try {
  const chirp = new Chirp({ appKey: "sk_test_app_browser", adminKey: "sk_admin_browser", baseUrl: location.origin });
  const sms = await chirp.withResponse("sendSms", { body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } });
  out.smsId = sms.data.id;
  out.remaining = sms.rateLimit?.remaining;
  try {
    await chirp.sendWhatsAppTemplate({ body: { from: "+15551234567", to: "+15559876543", templateName: "nope", languageCode: "en" } });
  } catch (e) {
    out.error = { name: e.name, byCode: e instanceof TemplateNotFoundError, family: e instanceof InvalidRequestError, code: e.code, status: e.status };
  }
  try {
    await chirp.sendSms({ body: { from: "+15551234567", to: ["555"], text: "x" } });
  } catch (e) {
    out.validation = { name: e.name, param: e.param, isChirp: e instanceof ChirpError };
  }
  out.items = [];
  for await (const m of chirp.paginate("listOrganizationSmsMessages", { query: { limit: "2" } })) out.items.push(m.id);
  const event = new Webhooks().unwrap(
    JSON.stringify({ event: "messages.sms.received", timestamp: "2026-01-01T00:00:00Z", data: { message: { id: "msg_sms_1", direction: "inbound", from: "+15559876543", to: "+15551234567", text: "hello", type: "sms" }, app: { id: "app_1" } } }),
    new Headers({ "x-webhook-secret": "s3cret" }),
    { secretHeader: "X-Webhook-Secret", secret: "s3cret" },
  );
  out.webhook = event.event;
} catch (e) {
  out.unexpected = String(e && e.stack || e);
}
window.__result = out;
`;

let server: Server;
let browser: Browser;
const seen: { method: string; url: string; authorization: string | undefined }[] = [];

function json(res: import("node:http").ServerResponse, status: number, body: unknown, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: import("node:http").ServerResponse, bundle: string) {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end('<!doctype html><script type="module" src="/app.js"></script>');
  }
  if (url.pathname === "/app.js") {
    res.writeHead(200, { "content-type": "text/javascript" });
    return res.end(bundle);
  }
  if (url.pathname.startsWith("/v1/")) {
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
  }
  if (url.pathname === "/v1/sms") {
    return json(
      res,
      200,
      { id: "msg_sms_browser", type: "SMS", transport: "sms", direction: "OUTBOUND", status: "QUEUED" },
      {
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": "99",
        "x-ratelimit-reset": "1900000000",
      },
    );
  }
  if (url.pathname === "/v1/whatsapp/templates/send") {
    return json(res, 404, {
      error: { type: "invalid_request_error", code: "template_not_found", message: "Template not found" },
    });
  }
  if (url.pathname === "/v1/organization/sms/messages") {
    const second = url.searchParams.get("cursor") === "c2";
    const messages = second ? [{ id: "m3" }] : [{ id: "m1" }, { id: "m2" }];
    return json(res, 200, { messages, nextCursor: second ? null : "c2", totalCount: 3 });
  }
  json(res, 404, { error: { type: "invalid_request_error", message: `no route ${url.pathname}` } });
}

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true);
  const bundle = await bundleForBrowser({ stdin: { contents: APP, resolveDir: root, loader: "js" } });
  server = createServer((req, res) => void handle(req, res, bundle));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

it("sends, maps errors, validates, paginates and unwraps a webhook in Chromium", async () => {
  const { port } = server.address() as AddressInfo;
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => "__result" in window, undefined, { timeout: 20_000 });
  const result = await page.evaluate(() => (window as unknown as { __result: unknown }).__result);
  expect(errors).toEqual([]);
  expect(result).toEqual({
    smsId: "msg_sms_browser",
    remaining: 99,
    error: { name: "TemplateNotFoundError", byCode: true, family: true, code: "template_not_found", status: 404 },
    validation: { name: "ChirpValidationError", param: "to[0]", isChirp: true },
    items: ["m1", "m2", "m3"],
    webhook: "messages.sms.received",
  });
  // The app key went to app operations, the admin key to the organization list; nothing was sent for the bad number.
  expect(seen.map((s) => `${s.method} ${s.url.split("?")[0]} ${s.authorization}`)).toEqual([
    "POST /v1/sms Bearer sk_test_app_browser",
    "POST /v1/whatsapp/templates/send Bearer sk_test_app_browser",
    "GET /v1/organization/sms/messages Bearer sk_admin_browser",
    "GET /v1/organization/sms/messages Bearer sk_admin_browser",
  ]);
}, 60_000);
