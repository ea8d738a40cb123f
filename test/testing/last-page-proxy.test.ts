// The last-page proxy runs inside the user's test process: an upstream that breaks
// mid-answer must fail that one request, never throw out of an event listener.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LastPageProxy, startLastPageProxy } from "../../src/testing/last-page-proxy.js";

const LIST = "/v1/organization/sms/messages?cursor=msg_sms_2DbBs7GWhGvVNJGrDXr5RG0mBWI";
let upstream: Server;
let proxy: LastPageProxy;

beforeAll(async () => {
  // Sends its headers and part of a body, then resets the connection; /ok answers normally.
  upstream = createServer((req, res) => {
    if (req.url === "/ok") return void res.end("fine");
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"messages":[');
    setImmediate(() => res.socket?.resetAndDestroy());
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  proxy = await startLastPageProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, "127.0.0.1");
});
afterAll(async () => {
  await proxy?.close();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe("last-page proxy: an upstream that resets after its headers", { timeout: 5_000 }, () => {
  it("passed-through answers: the client's body fails, and the proxy keeps serving", async () => {
    const response = await fetch(`${proxy.url}/v1/organization/apps`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(await (await fetch(`${proxy.url}/ok`)).text()).toBe("fine");
  });

  it("buffered list pages: the client gets a 502 naming the failure, and the proxy keeps serving", async () => {
    const response = await fetch(`${proxy.url}${LIST}`);
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/^chirp-sdk\/testing proxy: /);
    expect(await (await fetch(`${proxy.url}/ok`)).text()).toBe("fine");
  });
});
