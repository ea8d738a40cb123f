// Issue 21 item 6: a secret that can never match is a setup error, not a 401 on every
// delivery. HTTP strips a header value's surrounding whitespace (RFC 9110 §5.5, the
// fetch standard's "normalize") and a value cannot carry CR, LF or NUL at all, so a
// secret read from a file with its trailing newline ("s3cret\n") could never equal
// what arrives. Refused at construction (handler) and at the call (unwrap).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChirpConfigError, createWebhookHandler, toNodeListener, Webhooks } from "../../src/index.js";
import { sendWebhook, webhookEvent } from "../../src/testing/webhooks.js";

const unusable: [string, string][] = [
  ["a trailing newline (a file read)", "s3cret\n"],
  ["a trailing CRLF", "s3cret\r\n"],
  ["a leading space", " s3cret"],
  ["a trailing tab", "s3cret\t"],
  ["a newline inside", "s3c\nret"],
  ["a NUL inside", "s3c\0ret"],
];

describe("a secret that cannot travel in a header is a ChirpConfigError", () => {
  it.each(unusable)("createWebhookHandler: %s", (_, secret) => {
    const build = () => createWebhookHandler({ secretHeader: "X-Webhook-Secret", secret, on: {} });
    expect(build).toThrow(ChirpConfigError);
    expect(build).toThrow(
      /secret \(header X-Webhook-Secret\).*whitespace|secret \(header X-Webhook-Secret\).*CR, LF or NUL/,
    );
  });

  it.each(unusable)("in a rotation list: %s", (_, secret) => {
    const build = () => createWebhookHandler({ secretHeader: "X-Webhook-Secret", secret: ["good", secret], on: {} });
    expect(build).toThrow(ChirpConfigError);
  });

  it.each(unusable)("Webhooks.unwrap: %s", (_, secret) => {
    const headers = new Headers({ "x-webhook-secret": "s3cret" });
    const unwrap = () =>
      new Webhooks().unwrap(JSON.stringify(webhookEvent("messages.sms.received")), headers, {
        secretHeader: "X-Webhook-Secret",
        secret,
      });
    expect(unwrap).toThrow(ChirpConfigError);
  });

  it("says why and how to fix it, and never shows the secret", () => {
    try {
      createWebhookHandler({ secretHeader: "X-Webhook-Secret", secret: "hunter2-value\n", on: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ChirpConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/could never match/);
      expect(message).toMatch(/trim/);
      expect(message).not.toContain("hunter2");
    }
  });

  it("a secretHeader that is not a header name (a trailing newline, a space) is refused too", () => {
    for (const secretHeader of ["X-Webhook-Secret\n", " X-Webhook-Secret", "X Webhook"]) {
      const build = () => createWebhookHandler({ secretHeader, secret: "s3cret", on: {} });
      expect(build).toThrow(ChirpConfigError);
      expect(build).toThrow(/not a header name/);
    }
  });
});

describe("why: over a real socket the whitespace is gone", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // A handler built on the trimmed secret receives what a sender of "s3cret\n" can send at all.
    const handler = createWebhookHandler({ secretHeader: "X-Webhook-Secret", secret: "s3cret", on: {} });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((ok) => server.close(ok)));

  it("a header sent as 's3cret ' arrives as 's3cret'", async () => {
    const response = await sendWebhook(url, webhookEvent("messages.sms.received"), {
      headers: { "X-Webhook-Secret": "s3cret " },
    });
    expect(response.status).toBe(200);
  });
});
