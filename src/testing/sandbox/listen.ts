// sandbox.listen(): the same sandbox served on a loopback port (node:http), for apps
// that build their own client from CHIRP_BASE_URL. node:http is loaded when listen() is
// called, through a specifier bundlers leave alone, so that the sandbox bundles and runs
// where node:http does not exist (browsers, workerd).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { importAtRuntime } from "./runtime-import.js";

/** What the sandbox makes of one request. */
type Handle = (request: Request) => Promise<{ readonly response: Response } | { readonly dropped: true }>;

/** Largest request body the server reads (Chirp's own requests are small). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function serve(handle: Handle, base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413, { "content-type": "application/json", connection: "close" });
    res.end(JSON.stringify({ error: { type: "invalid_request_error", message: "Request body too large." } }));
    return;
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  }
  const method = req.method ?? "GET";
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort(new Error("client closed the connection"));
  });
  const outcome = await handle(
    new Request(new URL(req.url ?? "/", base), {
      method,
      headers,
      signal: abort.signal,
      ...(method !== "GET" && method !== "HEAD" && body.length > 0 && { body: new Uint8Array(body) }),
    }),
  );
  if ("dropped" in outcome) {
    // A dropped connection: the request was read and processed, and no answer comes.
    req.socket.destroy();
    return;
  }
  const { response } = outcome;
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => {
    out[k] = v;
  });
  const text = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...out, "content-length": String(text.length) });
  res.end(text);
}

/** Serves `handle` on 127.0.0.1:`port` (0: a free port); resolves with its URL and a close function. */
export async function serveSandbox(
  handle: Handle,
  port: number,
): Promise<{ readonly url: string; readonly close: () => Promise<void> }> {
  const { createServer } = await importAtRuntime<typeof import("node:http")>("node:http");
  let base = "http://127.0.0.1";
  const server = createServer((req, res) => {
    serve(handle, base, req, res).catch((e: unknown) => {
      // An aborted delayed answer (the client went away) or a bug: never an unhandled rejection.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ error: { type: "api_error", message: `sandbox: ${String((e as Error)?.message ?? e)}` } }),
        );
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
