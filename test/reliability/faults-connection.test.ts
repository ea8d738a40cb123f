// Faults of the connection: a server that never answers, stalls in the middle of a
// body, or resets the socket. Each case runs over global fetch and createNodeFetch,
// and counts attempts: a GET is retried (3 attempts with maxRetries 2), a POST or PATCH
// that may have reached the server is sent exactly once. The client's count is exact;
// the server's is exact where it must have read the request (a reset after reading),
// and never above the client's where a small timeout may fire before it reads (a loaded
// machine delays the in-process server's read past the timer).
import type { Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiServerError, ChirpConnectionError, type ChirpError, ChirpTimeoutError } from "../../src/index.js";
import { failure, faultClient, SMS, TRANSPORTS } from "./clients.js";
import { type FaultScript, type FaultServer, raw, startFaultServer } from "./fault-server.js";

// A server per test: a pool keeps sockets per origin, so no socket of one case is reused by the next.
let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(() => server.close());

// Small, because every one of these is waited out; the outcome is asserted, never the duration.
const STALL_TIMEOUT = 150;
// Where the status line must arrive before the timeout (to be asserted), more room for a loaded machine.
const ANSWERED_STALL_TIMEOUT = 400;
const JSON_HEAD = { "content-type": "application/json" };

const stall: FaultScript = { onRequest: () => {} };
const stallMidBody = (status: number): FaultScript => ({
  onRequest: (s) => s.write(raw(status, "X", { ...JSON_HEAD, "content-length": "100" }, '{"data": [').subarray(0)),
});
const stallMidChunked = (status: number): FaultScript => ({
  onRequest: (s) =>
    s.write(
      `HTTP/1.1 ${status} X\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\na\r\n{"data": [\r\n`,
    ),
});
const resetBeforeRead: FaultScript = {
  onConnect: (s: Socket) => {
    s.resetAndDestroy();
    return "handled";
  },
  onRequest: () => {},
};
const resetAfterRead: FaultScript = { onRequest: (s) => s.resetAndDestroy() };
const resetMidBody: FaultScript = {
  onRequest: (s) => {
    s.write(raw(200, "OK", { ...JSON_HEAD, "content-length": "100" }, '{"data": ['), () => s.resetAndDestroy());
  },
};

interface Case {
  readonly name: string;
  readonly script: FaultScript;
  readonly timeout?: number;
  readonly check: (error: ChirpError) => void;
  /** Connections counted instead of requests: the server reads nothing. */
  readonly countConnections?: boolean;
  /** The server must have seen every attempt (it answers only after reading). */
  readonly serverSeesAll?: boolean;
}

const timedOut = (e: ChirpError) => expect(e).toBeInstanceOf(ChirpTimeoutError);
const maybeSent = (e: ChirpError) => {
  expect(e).toBeInstanceOf(ChirpConnectionError);
  expect((e as ChirpConnectionError).sent).toBe("maybe-sent");
};
const answered = (status: number) => (e: ChirpError) => {
  expect(e).toBeInstanceOf(ApiServerError);
  expect((e as ApiServerError).status).toBe(status);
};

const CASES: Case[] = [
  { name: "no headers ever (slow headers)", script: stall, timeout: STALL_TIMEOUT, check: timedOut },
  { name: "200 stalls mid-body (content-length)", script: stallMidBody(200), timeout: STALL_TIMEOUT, check: timedOut },
  { name: "200 stalls mid-body (chunked)", script: stallMidChunked(200), timeout: STALL_TIMEOUT, check: timedOut },
  {
    name: "503 stalls mid-body (content-length)",
    script: stallMidBody(503),
    timeout: ANSWERED_STALL_TIMEOUT,
    check: answered(503),
    serverSeesAll: true,
  },
  {
    name: "503 stalls mid-body (chunked)",
    script: stallMidChunked(503),
    timeout: ANSWERED_STALL_TIMEOUT,
    check: answered(503),
    serverSeesAll: true,
  },
  { name: "reset before the request was read", script: resetBeforeRead, check: maybeSent, countConnections: true },
  { name: "reset after the request was read", script: resetAfterRead, check: maybeSent, serverSeesAll: true },
  { name: "reset in the middle of a 200 body", script: resetMidBody, check: maybeSent, serverSeesAll: true },
];

describe.each(TRANSPORTS)("connection faults over %s", (_, makeFetch) => {
  const seen = (c: Case) => (c.countConnections ? server.counts.connections : server.counts.requests);
  const clientFor = (c: Case) =>
    faultClient(server.url, makeFetch(), c.timeout === undefined ? {} : { timeout: c.timeout });
  const expectAttempts = (c: Case, client: ReturnType<typeof clientFor>, n: number) => {
    expect(client.attempts()).toBe(n);
    if (c.serverSeesAll) expect(seen(c)).toBe(n);
    else expect(seen(c)).toBeLessThanOrEqual(n);
  };

  it.each(CASES)("GET, $name → retried, 3 attempts, typed error", async (c) => {
    server.play(c.script);
    const client = clientFor(c);
    c.check((await failure(client.chirp.listWebhooks())) as ChirpError);
    expectAttempts(c, client, 3);
  });

  it.each(CASES)("POST, $name → sent exactly once", async (c) => {
    server.play(c.script);
    const client = clientFor(c);
    c.check((await failure(client.chirp.sendSms({ body: SMS }))) as ChirpError);
    expectAttempts(c, client, 1);
  });

  it.each(CASES)("PATCH, $name → sent exactly once", async (c) => {
    server.play(c.script);
    const client = clientFor(c);
    const call = client.chirp.updateCallVoicemail({ path: { voicemailId: "vm_1" }, body: { isRead: true } });
    c.check((await failure(call)) as ChirpError);
    expectAttempts(c, client, 1);
  });
});
