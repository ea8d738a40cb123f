// A loopback HTTP server on raw sockets that misbehaves on purpose: it can stall
// before the headers or in the middle of a body, reset the connection before or after
// reading the request, and write any status line, header or body bytes — things
// node:http's own server refuses to send. It counts what arrived, so a test can
// assert how many attempts the client made.
import { createServer, type Server, type Socket } from "node:net";

/** A request as the server read it. */
export interface FaultRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What to do with one connection: `onConnect` runs before anything is read; `onRequest` once a request is read. */
export interface FaultScript {
  readonly onConnect?: (socket: Socket) => "handled" | undefined;
  readonly onRequest: (socket: Socket, req: FaultRequest) => void;
}

/** A running fault server. */
export interface FaultServer {
  readonly url: string;
  /** Connections and whole requests received since the last `play`. */
  readonly counts: { connections: number; requests: number };
  /** Requests received since the last `play`. */
  readonly requests: FaultRequest[];
  /** Closes every open connection, sets how the following ones are handled, and resets the counts. */
  play(script: FaultScript): void;
  close(): Promise<void>;
}

/** A full response in raw bytes; `connection: close` so every attempt opens its own socket. */
export function raw(
  status: number | string,
  reason: string,
  headers: Record<string, string>,
  body: string | Buffer = "",
): Buffer {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  const all = { "content-length": String(bytes.length), connection: "close", ...headers };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`);
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status} ${reason}\r\n${lines.join("")}\r\n`, "latin1"), bytes]);
}

function parseHead(head: string): { method: string; path: string; headers: Record<string, string> } {
  const [start = "", ...lines] = head.split("\r\n");
  const [method = "", path = ""] = start.split(" ");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { method, path, headers };
}

/** Starts a fault server on 127.0.0.1, on a free port. */
export async function startFaultServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  let script: FaultScript = { onRequest: (s) => s.end(raw(200, "OK", {}, "{}")) };
  const counts = { connections: 0, requests: 0 };
  const requests: FaultRequest[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    counts.connections++;
    const current = script;
    if (current.onConnect?.(socket) === "handled") return;
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = parseHead(buffered.subarray(0, end).toString("latin1"));
      const length = Number(head.headers["content-length"] ?? 0);
      if (buffered.length < end + 4 + length) return;
      socket.off("data", onData);
      const req = { ...head, body: buffered.subarray(end + 4, end + 4 + length).toString("utf8") };
      counts.requests++;
      requests.push(req);
      current.onRequest(socket, req);
    };
    socket.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    requests,
    play(next) {
      // A socket left from the last script (a stalled answer a pool may hold on to) must
      // not carry this script's requests: every case starts on fresh connections.
      for (const s of sockets) s.destroy();
      script = next;
      counts.connections = 0;
      counts.requests = 0;
      requests.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
