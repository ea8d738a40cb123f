/// <reference types="node" />
// A loopback proxy in front of Prism that makes the mock's cursor lists end.
// Prism answers from static examples, so every page of a cursor list carries the
// same `nextCursor`; the SDK's paginator rightly refuses a repeated cursor (a real
// server doing that would loop forever), so the README's `for await` died against
// the mock. Here a list request that carries a cursor gets the example page with
// the cursor field set to null — the spec's "last page" — so paging through the
// mock shows two pages and stops. Everything else is passed through untouched.
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { operations } from "../generated/operations.js";

/**
 * The largest list page the proxy buffers to rewrite, in bytes. Prism's example pages
 * are a few kB; an answer past this is not a page to rewrite but a runaway upstream,
 * and the proxy is inside the user's test process: it answers 502 rather than grow.
 */
export const MAX_BUFFERED_PAGE_BYTES = 16 * 1024 * 1024;

/** A cursor-paged GET: its path as a pattern, the cursor query and the next-cursor field. */
interface CursorList {
  readonly pattern: RegExp;
  readonly cursorParam: string;
  readonly nextField: string;
}

// Read from the generated operation table: which lists page by cursor is the spec's business.
const cursorLists: readonly CursorList[] = Object.values(operations).flatMap((op) => {
  const list = "list" in op ? op.list : undefined;
  if (op.method !== "GET" || list?.style !== "cursor") return [];
  const pattern = new RegExp(`^${op.path.replace(/\{[^/}]+\}/g, "[^/]+")}/?$`);
  return [{ pattern, cursorParam: list.cursorParam, nextField: list.nextField }];
});

/** The list a request pages through with a cursor, if it is one. */
function pagedList(req: IncomingMessage): CursorList | undefined {
  if (req.method !== "GET" || !req.url) return undefined;
  const url = new URL(req.url, "http://mock");
  return cursorLists.find((l) => l.pattern.test(url.pathname) && url.searchParams.get(l.cursorParam));
}

/** The example page turned into the last one: no next cursor, and `hasMore: false` where the page has it. */
function lastPage(text: string, list: CursorList): string | undefined {
  let page: unknown;
  try {
    page = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!page || typeof page !== "object" || !(list.nextField in page)) return undefined;
  const last: Record<string, unknown> = { ...(page as Record<string, unknown>), [list.nextField]: null };
  if (typeof last.hasMore === "boolean") last.hasMore = false;
  return JSON.stringify(last);
}

/**
 * Ends a request the upstream failed. This runs in an event listener of the user's
 * test process, so it must not throw: once the headers went out a 502 cannot follow
 * (writeHead would throw ERR_HTTP_HEADERS_SENT), and the connection is cut instead.
 */
function fail(res: ServerResponse, error: Error): void {
  if (res.writableEnded) return;
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  res.writeHead(502, { "content-type": "text/plain" });
  res.end(`chirp-sdk/testing proxy: ${error.message}`);
}

function forward(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const list = pagedList(req);
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      answer.on("error", (error) => fail(res, error));
      // An upstream that resets mid-body does not always emit "error" (Node emits it only
      // to listeners, and not for every close): an incomplete answer that closed is a failure too.
      answer.on("close", () => {
        if (!answer.complete) fail(res, new Error("the mock closed the connection mid-answer"));
      });
      const ok = answer.statusCode !== undefined && answer.statusCode >= 200 && answer.statusCode < 300;
      if (!list || !ok) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on("data", (c: Buffer) => {
        size += c.byteLength;
        if (size > MAX_BUFFERED_PAGE_BYTES) {
          chunks.length = 0;
          answer.destroy();
          fail(res, new Error(`the mock's list page is larger than ${MAX_BUFFERED_PAGE_BYTES} bytes`));
          return;
        }
        chunks.push(c);
      });
      answer.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const body = lastPage(text, list) ?? text;
        const headers = { ...answer.headers, "content-length": String(Buffer.byteLength(body)) };
        delete headers["transfer-encoding"];
        res.writeHead(answer.statusCode ?? 200, headers);
        res.end(body);
      });
    },
  );
  upstream.on("error", (error) => fail(res, error));
  // The client went away mid-request: stop the upstream call too (an unhandled "error" would throw).
  req.on("error", (error) => upstream.destroy(error));
  req.pipe(upstream);
}

/** A running proxy: its base URL, and `close()`. */
export interface LastPageProxy {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the proxy on `host` and `port` (0: a free one), forwarding to the mock at `target`. */
export function startLastPageProxy(target: string, host: string, port = 0): Promise<LastPageProxy> {
  const to = new URL(target);
  const server = createServer((req, res) => forward(req, res, to));
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port;
      const close = () =>
        new Promise<void>((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        });
      ok({ url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`, close });
    });
  });
}
