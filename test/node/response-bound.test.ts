// createNodeFetch keeps at most `maxResponseBytes` of an answer: a real loopback server
// streaming an endless (or 2 GiB-declared, or gzip-bombed) answer gets its connection
// closed early, and the call fails with a ChirpResponseError, not retried.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { Chirp, ChirpResponseError } from "../../src/index.js";
import { createNodeFetch, DEFAULT_MAX_RESPONSE_BYTES, type NodeFetchOptions } from "../../src/node/http-fetch.js";

const APP_KEY = "sk_test_app_0123456789abcdef";
const PROFILE = { path: { phoneNumberId: "wapn_1" } };
const MiB = 1024 * 1024;
// What the server would send if nobody stopped it.
const ENDLESS = 1024 * MiB;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** What the server did with one answer: bytes written before the client went away, and when it went. */
interface Streamed {
  written: number;
  /** Resolves when the server saw the connection close (before it finished, for a cut answer). */
  readonly closed: Promise<{ finished: boolean }>;
}

async function streamingServer(answer: (res: ServerResponse, log: Streamed) => void) {
  const logs: Streamed[] = [];
  const server = createServer((req, res) => {
    req.resume();
    let onClose: (v: { finished: boolean }) => void = () => {};
    const log: Streamed = { written: 0, closed: new Promise((r) => (onClose = r)) };
    res.once("close", () => onClose({ finished: res.writableFinished }));
    logs.push(log);
    answer(res, log);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => new Promise((r) => server.close(() => r()).closeAllConnections()));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logs };
}

/** Writes a JSON-looking answer of `total` bytes in 64 KiB chunks, as fast as the client reads. */
function endless(total: number) {
  return (res: ServerResponse, log: Streamed) => {
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (log.written < total && !res.destroyed) {
        log.written += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    res.write("[");
    pump();
  };
}

function client(baseUrl: string, options: NodeFetchOptions = {}) {
  return new Chirp({ appKey: APP_KEY, baseUrl, fetch: createNodeFetch(options), sleep: async () => {}, maxRetries: 2 });
}

describe("createNodeFetch's bound on an answer", () => {
  it("cuts an endless answer at maxResponseBytes: ChirpResponseError, connection closed early, not retried", async () => {
    const { baseUrl, logs } = await streamingServer(endless(ENDLESS));
    const error = await client(baseUrl, { maxResponseBytes: MiB })
      .getWhatsAppBusinessProfile(PROFILE)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpResponseError);
    expect(error).toMatchObject({ status: 200, family: "response", rawBody: "" });
    expect(error.message).toContain(`more than maxResponseBytes (${MiB} bytes); the connection was closed`);
    expect(logs).toHaveLength(1);
    const seen = await logs[0]!.closed;
    expect(seen.finished).toBe(false);
    // The bound plus what sat in socket buffers when the client closed — nowhere near the 1 GiB.
    expect(logs[0]!.written).toBeLessThan(64 * MiB);
  });

  it("applies the default bound (8 MiB) when none is given", async () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(8 * MiB);
    const { baseUrl, logs } = await streamingServer(endless(ENDLESS));
    const error = await client(baseUrl)
      .getWhatsAppBusinessProfile(PROFILE)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpResponseError);
    expect(error.message).toContain(`maxResponseBytes (${DEFAULT_MAX_RESPONSE_BYTES} bytes)`);
    expect((await logs[0]!.closed).finished).toBe(false);
    expect(logs[0]!.written).toBeLessThan(128 * MiB);
  });

  it("refuses a declared Content-Length over the bound before reading the body", async () => {
    const { baseUrl, logs } = await streamingServer((res, log) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(2 * 1024 * MiB) });
      log.written = 1;
      res.write("[");
    });
    const error = await client(baseUrl, { maxResponseBytes: MiB })
      .getWhatsAppBusinessProfile(PROFILE)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpResponseError);
    expect(error.message).toContain(`declares ${2 * 1024 * MiB} bytes, more than maxResponseBytes`);
    expect((await logs[0]!.closed).finished).toBe(false);
    expect(logs).toHaveLength(1);
  });

  it("bounds the decompressed size: a gzip bomb is cut too", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * MiB, 0x20));
    expect(bomb.length).toBeLessThan(MiB);
    const { baseUrl } = await streamingServer((res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb);
    });
    const error = await client(baseUrl, { maxResponseBytes: MiB })
      .getWhatsAppBusinessProfile(PROFILE)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpResponseError);
    expect(error.message).toContain("decompresses to more than maxResponseBytes");
  });

  it("passes an answer of exactly maxResponseBytes, compressed or not", async () => {
    const body = JSON.stringify({ ok: true, pad: "x".repeat(1000) });
    const { baseUrl } = await streamingServer((res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
    const zipped = await streamingServer((res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync(body));
    });
    const limit = Buffer.byteLength(body);
    await expect(
      client(baseUrl, { maxResponseBytes: limit }).getWhatsAppBusinessProfile(PROFILE),
    ).resolves.toMatchObject({
      ok: true,
    });
    await expect(
      client(zipped.baseUrl, { maxResponseBytes: limit }).getWhatsAppBusinessProfile(PROFILE),
    ).resolves.toMatchObject({ ok: true });
    const over = await client(baseUrl, { maxResponseBytes: limit - 1 })
      .getWhatsAppBusinessProfile(PROFILE)
      .catch((e) => e);
    expect(over).toBeInstanceOf(ChirpResponseError);
  });

  it("refuses a maxResponseBytes that is not a positive whole number", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createNodeFetch({ maxResponseBytes: bad })).toThrow(/maxResponseBytes/);
    }
  });
});
