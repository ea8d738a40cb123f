// node:http speaks (req, res), not Request/Response. This adapter uses only the
// structural shape of IncomingMessage/ServerResponse and the global Request, so
// the main entry stays free of node: imports and runs in browsers and Workers.
import type { WebhookLogger } from "./handler.js";
import { type BodyState, closeAfterAnswer, nodeBodyStream } from "./node-body.js";

/** The parts of `http.IncomingMessage` (or Express's `req`) the adapter reads. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * A body middleware already read: bytes or text (`express.raw()`, `express.text()`)
   * are used as is, an object (`express.json()`) as the parsed JSON it is.
   */
  readonly body?: unknown;
  /** `http.IncomingMessage.complete`: the whole body has arrived (and was read by someone). */
  readonly complete?: boolean | undefined;
}

/** The parts of `http.ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: Uint8Array | string): unknown;
  /** Closes the connection; used when the answer cannot be written (headers already sent). */
  destroy?(): unknown;
}

/**
 * A `node:http` request listener. `body` is for frameworks that keep a parsed body
 * apart from the raw request (Fastify's `request.body`); `req.body` is used otherwise.
 */
export type NodeListener = (req: NodeRequestLike, res: NodeResponseLike, body?: unknown) => Promise<void>;

/** Options of `toNodeListener`. */
export interface NodeListenerOptions {
  /** Where a request that failed outside the handler, or an answer that could not be written, is reported. @default console */
  readonly logger?: WebhookLogger | undefined;
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
 * Express or Fastify. Works before or after a JSON body parser: a body the
 * framework already read (`req.body`, or the third argument) is used, else the stream.
 * The handler gets the stream unread and pulls it at its own pace, so it can answer on
 * the headers alone (`createWebhookHandler` checks the secret first) and bound what it
 * reads; after an answer given before the body was read to its end the connection is
 * closed (the sender first gets the answer; the rest of its body is dropped, never kept).
 *
 * @example
 * import { createServer } from "node:http";
 * createServer(toNodeListener(handler)).listen(3000);
 * // Express: mount it before express.json(), so no parser reads the body before the secret is checked.
 * app.post("/webhooks/chirp", toNodeListener(handler));
 * // Fastify: in a scope whose only content-type parser leaves the body unread (examples/webhooks/fastify.ts):
 * // webhooks.post("/webhooks/chirp", (request, reply) => { reply.hijack(); return listener(request.raw, reply.raw); });
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: NodeListenerOptions = {},
): NodeListener {
  const logger = options.logger ?? console;
  // A response that cannot be written is a setup mistake that repeats on every delivery: say it once.
  let toldWriteFailed = false;
  return async (req, res, given) => {
    let response: Response;
    const state: BodyState = { ended: false };
    try {
      const method = req.method ?? "GET";
      const hasBody = method !== "GET" && method !== "HEAD";
      if (!hasBody) state.ended = true;
      const headers = toHeaders(req.headers);
      // The origin is irrelevant to the handler; the path is kept for frameworks that route on it.
      const init: RequestInit & { duplex?: "half" } = { method, headers };
      if (hasBody) {
        init.body = nodeBodyStream(req, given, state);
        init.duplex = "half"; // a stream body needs it (Node's fetch); the handler reads it, nothing else
      }
      const request = new Request(new URL(req.url ?? "/", "http://localhost"), init);
      response = await handler(request);
    } catch (error) {
      logger.error("chirp-sdk: webhook request failed", error);
      response = new Response(JSON.stringify({ error: "internal error" }), { status: 500 });
    }
    try {
      const body = new Uint8Array(await response.arrayBuffer());
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        res.setHeader(name, value);
      });
      // Answered before the body was read to its end (401, 413, 405): the rest of the
      // upload is not wanted. Closed after the answer, the rest never read (node-body.ts).
      if (!state.ended && req.complete !== true) closeAfterAnswer(req, res);
      res.end(body);
    } catch (error) {
      // Frameworks call the listener without awaiting it, so a rejection here would be
      // unhandled (and end the process under --unhandled-rejections=throw, Node's default).
      // Typically the framework answered first: Fastify without reply.hijack().
      if (!toldWriteFailed) {
        toldWriteFailed = true;
        logger.error(
          "chirp-sdk: could not write the webhook response; was it already sent (Fastify: call reply.hijack() first)? (logged once; the connection is closed)",
          error,
        );
      }
      // The client would otherwise wait for an answer that never comes (or read a wrong one).
      res.destroy?.();
    }
  };
}
