// Faults of the connection: a server that never answers, stalls in the middle of a
// body, or resets the socket. Each case runs over global fetch and createNodeFetch,
// and counts what reached the server: a GET is retried (3 attempts with maxRetries 2),
// a POST or PATCH that may have reached the server is sent exactly once.
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
    timeout: STALL_TIMEOUT,
    check: answered(503),
  },
  { name: "503 stalls mid-body (chunked)", script: stallMidChunked(503), timeout: STALL_TIMEOUT, check: answered(503) },
  { name: "reset before the request was read", script: resetBeforeRead, check: maybeSent, countConnections: true },
  { name: "reset after the request was read", script: resetAfterRead, check: maybeSent },
  { name: "reset in the middle of a 200 body", script: resetMidBody, check: maybeSent },
];

describe.each(TRANSPORTS)("connection faults over %s", (_, makeFetch) => {
  const attempts = (c: Case) => (c.countConnections ? server.counts.connections : server.counts.requests);
  const clientFor = (c: Case) =>
    faultClient(server.url, makeFetch(), c.timeout === undefined ? {} : { timeout: c.timeout }).chirp;

  it.each(CASES)("GET, $name → retried, 3 attempts, typed error", async (c) => {
    server.play(c.script);
    const error = (await failure(clientFor(c).listWebhooks())) as ChirpError;
    c.check(error);
    expect(attempts(c)).toBe(3);
  });

  it.each(CASES)("POST, $name → sent exactly once", async (c) => {
    server.play(c.script);
    const error = (await failure(clientFor(c).sendSms({ body: SMS }))) as ChirpError;
    c.check(error);
    expect(attempts(c)).toBe(1);
  });

  it.each(CASES)("PATCH, $name → sent exactly once", async (c) => {
    server.play(c.script);
    const call = clientFor(c).updateCallVoicemail({ path: { voicemailId: "vm_1" }, body: { isRead: true } } as never);
    const error = (await failure(call)) as ChirpError;
    c.check(error);
    expect(attempts(c)).toBe(1);
  });
});
