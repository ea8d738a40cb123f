// node:http speaks (req, res), not Request/Response. This adapter uses only the
// structural shape of IncomingMessage/ServerResponse and the global Request, so
// the main entry stays free of node: imports and runs in browsers and Workers.

/** The parts of `http.IncomingMessage` (or Express's `req`) the adapter reads. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** A body already read by middleware (`express.raw()`): bytes or text are used as is. */
  readonly body?: unknown;
}

/** The parts of `http.ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: Uint8Array | string): unknown;
}

/** A `node:http` request listener. */
export type NodeListener = (req: NodeRequestLike, res: NodeResponseLike) => Promise<void>;

async function readAll(req: NodeRequestLike): Promise<Uint8Array<ArrayBuffer>> {
  if (req.body instanceof Uint8Array) return new Uint8Array(req.body);
  if (typeof req.body === "string") return new TextEncoder().encode(req.body);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    size += bytes.byteLength;
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

function toHeaders(raw: NodeRequestLike["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    // HTTP/2 pseudo-headers (":path") are not headers to a Request.
    if (value === undefined || name.startsWith(":")) continue;
    for (const one of typeof value === "string" ? [value] : value) headers.append(name, one);
  }
  return headers;
}

/**
 * Serves a Request/Response handler (`createWebhookHandler`'s) from `node:http`,
 * Express or Fastify's raw `req`/`res`. Mount it before any JSON body parser, or
 * behind `express.raw({ type: "*\/*" })`: the secret check and parse need the raw body.
 *
 * @example
 * import { createServer } from "node:http";
 * createServer(toNodeListener(handler)).listen(3000);
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>): NodeListener {
  return async (req, res) => {
    let response: Response;
    try {
      const method = req.method ?? "GET";
      const body = method === "GET" || method === "HEAD" ? undefined : await readAll(req);
      const headers = toHeaders(req.headers);
      // The origin is irrelevant to the handler; the path is kept for frameworks that route on it.
      const request = new Request(new URL(req.url ?? "/", "http://localhost"), {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      response = await handler(request);
    } catch (error) {
      console.error("chirp-sdk: webhook request failed", error);
      response = new Response(JSON.stringify({ error: "internal error" }), { status: 500 });
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
      res.setHeader(name, value);
    });
    res.end(new Uint8Array(await response.arrayBuffer()));
  };
}
