// Real servers on 127.0.0.1 for the proxy and TLS tests: an API stand-in over http and
// https (its certificate from the test CA), a real forward proxy (the `proxy` package, as
// used in front of Squid-like setups: CONNECT for https, absolute form for http), and a
// proxy that answers CONNECT with a status of the test's choosing. Each records what it saw.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { createProxy } from "proxy";
import { testServerCert, testServerKey } from "../fixtures/test-ca.js";

const open: { server: Server; sockets: Set<Socket> }[] = [];

/** Closes every server started here and every socket they hold (tunnels included). */
export async function closeAll(): Promise<void> {
  await Promise.all(
    open.splice(0).map(({ server, sockets }) => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    }),
  );
}

async function listen(server: Server): Promise<number> {
  const sockets = new Set<Socket>();
  // "connection" for TCP; "secureConnection" is the TLS socket over it (destroying the TCP one ends both).
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  open.push({ server, sockets });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** What the API stand-in saw of one request. */
export interface SeenRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingMessage["headers"];
}

/** An API stand-in: answers every request with `{ ok: true, path }` unless `handler` is given. */
export async function api(
  kind: "http" | "https",
  handler?: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ baseUrl: string; port: number; seen: SeenRequest[]; connections: () => number }> {
  const seen: SeenRequest[] = [];
  let connections = 0;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    req.resume();
    if (handler) return handler(req, res);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, path: req.url }));
  };
  const server =
    kind === "https"
      ? createHttpsServer({ cert: testServerCert, key: testServerKey }, onRequest)
      : createServer(onRequest);
  server.on("connection", () => connections++);
  // A client that does not trust the certificate aborts the handshake: not a server failure.
  server.on("tlsClientError", () => {});
  const port = await listen(server);
  return { baseUrl: `${kind}://127.0.0.1:${port}`, port, seen, connections: () => connections };
}

/** What the proxy saw: CONNECT targets, absolute-form URLs, and the Proxy-Authorization values. */
export interface ProxyLog {
  readonly connects: string[];
  readonly forwards: string[];
  readonly authorizations: (string | undefined)[];
}

/**
 * A real forward proxy (the `proxy` npm package). With `credentials`, it answers 407 to any
 * request or CONNECT whose `Proxy-Authorization: Basic` is not exactly theirs.
 */
export async function forwardProxy(
  credentials?: { user: string; password: string },
  options: { tls?: boolean } = {},
): Promise<{
  url: string;
  port: number;
  log: ProxyLog;
}> {
  const log: ProxyLog = { connects: [], forwards: [], authorizations: [] };
  // An https:// proxy: TLS from the client to the proxy, its certificate from the test CA.
  const server = createProxy(
    options.tls ? createHttpsServer({ cert: testServerCert, key: testServerKey }) : createServer(),
  );
  server.on("tlsClientError", () => {});
  const expected =
    credentials && `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString("base64")}`;
  server.authenticate = (req) => {
    log.authorizations.push(req.headers["proxy-authorization"]);
    if (req.method === "CONNECT") log.connects.push(req.url ?? "");
    else log.forwards.push(req.url ?? "");
    return expected === undefined || req.headers["proxy-authorization"] === expected;
  };
  const port = await listen(server);
  return { url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`, port, log };
}

/** A proxy that answers every CONNECT with `status` and closes; counts the CONNECTs. */
export async function refusingTunnelProxy(
  status: number,
): Promise<{ url: string; port: number; connects: () => number }> {
  let connects = 0;
  const server = createServer();
  server.on("connect", (_req: IncomingMessage, socket: Socket) => {
    connects++;
    socket.end(`HTTP/1.1 ${status} Refused by test\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, port, connects: () => connects };
}

/** A proxy that takes CONNECTs and never answers them; tells when one arrives and when the client closes it. */
export async function silentProxy(): Promise<{
  url: string;
  connected: Promise<void>;
  closed: Promise<void>;
}> {
  let onConnect: () => void = () => {};
  let onClose: () => void = () => {};
  const connected = new Promise<void>((r) => (onConnect = r));
  const closed = new Promise<void>((r) => (onClose = r));
  const server = createServer();
  server.on("connect", (_req: IncomingMessage, socket: Socket) => {
    // The server's sockets are half-open: the client closing shows as "end", once the socket is read.
    socket.once("end", onClose);
    socket.once("close", onClose);
    socket.on("error", () => {});
    socket.resume();
    onConnect();
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, connected, closed };
}
