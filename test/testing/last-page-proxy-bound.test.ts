// The last-page proxy buffers a cursor-list page to rewrite it; an upstream that never
// stops answering must cost the user's test process at most MAX_BUFFERED_PAGE_BYTES.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LastPageProxy, MAX_BUFFERED_PAGE_BYTES, startLastPageProxy } from "../../src/testing/last-page-proxy.js";
import { closeServer, listenOnLoopback } from "../fixtures/loopback.js";

const LIST = "/v1/organization/sms/messages?cursor=msg_sms_2DbBs7GWhGvVNJGrDXr5RG0mBWI";
let upstream: Server;
let proxy: LastPageProxy;
let upstreamSent = 0;
let upstreamClosed: Promise<void>;

beforeAll(async () => {
  // A list page that never ends: 64 KiB chunks for as long as anyone reads them.
  upstream = createServer((req, res) => {
    if (req.url === "/ok") return void res.end("fine");
    upstreamClosed = new Promise((resolve) => res.on("close", () => resolve()));
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(65_536, 0x20);
    const pump = () => {
      while (!res.destroyed && upstreamSent <= MAX_BUFFERED_PAGE_BYTES * 8) {
        upstreamSent += chunk.byteLength;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
    };
    pump();
  });
  proxy = await startLastPageProxy(await listenOnLoopback(upstream), "127.0.0.1");
});
afterAll(async () => {
  await proxy?.close();
  await closeServer(upstream);
});

describe("last-page proxy: a list page larger than it buffers", () => {
  it("answers 502 naming the bound, drops the upstream answer, and keeps serving", async () => {
    const response = await fetch(`${proxy.url}${LIST}`);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe(
      `chirp-sdk/testing proxy: the mock's list page is larger than ${MAX_BUFFERED_PAGE_BYTES} bytes`,
    );
    await upstreamClosed;
    // Cut off near the bound (plus what the sockets had in flight), not after the 8× it offered.
    expect(upstreamSent).toBeLessThan(MAX_BUFFERED_PAGE_BYTES * 2);
    expect(await (await fetch(`${proxy.url}/ok`)).text()).toBe("fine");
  });
});
