// A real HTTP server on 127.0.0.1 that plays a script of answers per "METHOD /path" (one
// per request, the last repeated) and records what it received: the observability tests
// watch real requests and real answers go by, not a stubbed fetch.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One request as the server received it. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running loopback server. */
export interface Loopback {
  readonly baseUrl: string;
  readonly received: Received[];
  /** Sets the answers for `route` ("GET /v1/…"), replacing any before. */
  script(route: string, answers: readonly Answer[]): void;
  close(): Promise<void>;
}

/** Starts a server on an ephemeral port of 127.0.0.1. */
export async function startLoopback(): Promise<Loopback> {
  const scripts = new Map<string, Answer[]>();
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = req.url ?? "/";
      received.push({ method: req.method ?? "", url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const route = `${req.method} ${url.split("?")[0]}`;
      const queue = scripts.get(route);
      const answer = queue && queue.length > 1 ? (queue.shift() as Answer) : queue?.[0];
      if (!answer) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { type: "invalid_request_error", message: `no script for ${route}` } }));
        return;
      }
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    script: (route, answers) => scripts.set(route, [...answers]),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A Chirp-shaped error body. */
export function apiError(type: string, code: string, message: string): unknown {
  return { error: { type, code, message } };
}

/** The scenario of issue 18: a GET answered 503 then 200, a send answered 500. */
export const PROFILE_ROUTE = "GET /v1/whatsapp/phone-numbers/wapn_1/business-profile";
export const SEND_ROUTE = "POST /v1/sms";

/** Scripts the scenario on `server`. */
export function scriptScenario(server: Loopback): void {
  server.script(PROFILE_ROUTE, [
    {
      status: 503,
      body: apiError("api_error", "service_unavailable", "try later"),
      headers: { "x-request-id": "req_503" },
    },
    { status: 200, body: { about: "Acme" }, headers: { "x-request-id": "req_200" } },
  ]);
  server.script(SEND_ROUTE, [
    {
      status: 500,
      // A server that quotes the request back: none of it may reach a log line or a span.
      body: apiError("api_error", "internal_error", "could not send 'Your code is 4711' to +15559876543"),
      headers: { "request-id": "req_500" },
    },
  ]);
}

/** What every scenario sends. */
export const SEND_BODY = { from: "+15551234567", to: ["+15559876543"], text: "Your code is 4711" };

/** A logger that keeps every line. */
export function captureLogger(): {
  lines: { level: string; message: string; fields: Record<string, unknown> }[];
  logger: Record<"debug" | "info" | "warn" | "error", (message: string, fields: Record<string, unknown>) => void>;
} {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return { lines, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
}
