// The request body on node:http, for toNodeListener: handed to the handler as a pull
// stream (nothing leaves the socket until the handler asks for it), and, when the
// handler answered before the body was over (401, 413, 405), a staged close after the
// answer (RFC 9112 §9.6): half-close, read nothing more, and cut the connection after
// LINGER_MS. Cutting at once would reset a connection whose receive buffer still holds
// unread body bytes, and the reset can overtake the answer: the sender would see a
// broken connection instead of its 401/413. Structural types only (no node: import),
// so the main entry still bundles for browsers and Workers.
import type { NodeRequestLike, NodeResponseLike } from "./node-adapter.js";

/** How long a sender gets to stop after an early answer before the connection is cut, in ms. */
export const LINGER_MS = 2_000;

const encoder = /* @__PURE__ */ new TextEncoder();

/** What the adapter learns about the request body while the handler reads it (or does not). */
export interface BodyState {
  /** The body was read to its end (or never was on the wire): the connection is free for the next request. */
  ended: boolean;
}

/** The event-emitter side of `http.IncomingMessage`, when present (a plain object in a test has none). */
interface Flowing {
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  readonly socket?: { end(): unknown; destroy(): unknown } | null;
}

function flowing(req: NodeRequestLike): Flowing | undefined {
  const r = req as Partial<Flowing>;
  return typeof r.on === "function" &&
    typeof r.off === "function" &&
    typeof r.pause === "function" &&
    typeof r.resume === "function"
    ? (r as Flowing)
    : undefined;
}

/** A body a framework already read, if any: `given` (Fastify's `request.body`), else `req.body`. */
function preRead(req: NodeRequestLike, given: unknown): unknown {
  // Express calls a route with (req, res, next): a function is its `next`, not a body.
  const body = given !== undefined && given !== null && typeof given !== "function" ? given : req.body;
  return body === null ? undefined : body;
}

/** A pre-read body as bytes (Chirp checks a header, not a signature over the bytes, so a parsed object re-serialised is as good). */
function toBytes(body: unknown): Uint8Array {
  // A copy into a fresh ArrayBuffer: a Buffer is a view into Node's shared pool.
  if (ArrayBuffer.isView(body)) return new Uint8Array(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  if (typeof body === "string") return encoder.encode(body);
  return encoder.encode(JSON.stringify(body));
}

const asBytes = (chunk: Uint8Array | string): Uint8Array => (typeof chunk === "string" ? encoder.encode(chunk) : chunk);

/**
 * The body as a pull stream (high-water mark 0) the handler reads at its own pace: a
 * chunk is taken from the socket only when the handler asks for one, and a pre-read body
 * is serialised only then, so a handler that refuses a request on its headers answers
 * before a byte of the body is read, and one that counts bytes holds at most one chunk
 * beyond what it keeps.
 */
export function nodeBodyStream(req: NodeRequestLike, given: unknown, state: BodyState): ReadableStream<Uint8Array> {
  const body = preRead(req, given);
  if (body !== undefined) {
    state.ended = true; // the framework read the stream already
    return new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          controller.enqueue(toBytes(body));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
  }
  const events = flowing(req);
  if (events === undefined) return iteratorStream(req, state);
  const readable = req as { readonly readableEnded?: boolean; readonly destroyed?: boolean };
  // Something before the listener read the stream to its end and kept nothing: an empty body (answered 400, with the fix).
  if (readable.readableEnded === true) {
    state.ended = true;
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  }
  // Paused until the handler pulls; each pull lets exactly one chunk through.
  let enqueue: ((chunk: Uint8Array | string) => void) | undefined;
  let finish: (() => void) | undefined;
  let fail: ((error: unknown) => void) | undefined;
  let closed: (() => void) | undefined;
  const detach = () => {
    if (enqueue) events.off("data", enqueue);
    if (finish) events.off("end", finish);
    if (fail) {
      events.off("error", fail);
      events.off("aborted", fail);
    }
    if (closed) events.off("close", closed);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (readable.destroyed === true) {
          controller.error(new Error("the request was closed before its body was read"));
          return;
        }
        // Closed without an end (the sender went away, with no "error" emitted): the body never completes.
        closed = () => fail?.(new Error("the request was closed before its body ended"));
        enqueue = (chunk) => {
          events.pause();
          controller.enqueue(asBytes(chunk));
        };
        finish = () => {
          state.ended = true;
          detach();
          controller.close();
        };
        fail = (error) => {
          detach();
          controller.error(error);
        };
        events.on("data", enqueue);
        events.on("end", finish);
        events.on("error", fail);
        events.on("aborted", fail);
        events.on("close", closed);
        events.pause();
      },
      pull() {
        events.resume();
      },
      // Not req.destroy(): that would close the socket before the answer is written.
      // Reading stops here; closeAfterAnswer deals with the rest once the answer is out.
      cancel() {
        detach();
        events.pause();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The same pull stream over the request's async iterator, for a request object with no events. */
function iteratorStream(req: NodeRequestLike, state: BodyState): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array | string> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= req[Symbol.asyncIterator]();
        const { done, value } = await iterator.next();
        if (done) {
          state.ended = true;
          controller.close();
          return;
        }
        controller.enqueue(asBytes(value));
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * For an answer given before the body was over; call before the answer is written.
 * The answer says `Connection: close`; once it is out the connection is half-closed
 * (FIN: the sender sees the answer and the end), nothing more is read, and it is
 * destroyed after LINGER_MS. Not read meanwhile, the rest of the body is never taken
 * from the socket: a sender that keeps going fills its TCP window and stalls, costing
 * the server neither memory nor CPU. Node itself would destroy the socket as soon as a
 * `Connection: close` answer is flushed (`socket.destroySoon()`), which resets it while
 * unread body bytes wait in its buffer — and the reset can overtake the answer — so
 * this connection's `destroySoon` lingers instead. Without the request's events,
 * `res.once` or a socket it only sets the header (the framework owns the connection).
 */
export function closeAfterAnswer(req: NodeRequestLike, res: NodeResponseLike): void {
  res.setHeader("connection", "close");
  const events = flowing(req);
  const once = (res as { once?: (event: string, listener: () => void) => unknown }).once;
  const socket = events?.socket as { end(): unknown; destroy(): unknown; destroySoon?: () => void } | null | undefined;
  if (events === undefined || typeof once !== "function" || !socket) return;
  let lingering = false;
  const linger = () => {
    if (lingering) return;
    lingering = true;
    // Node's own "finish" listener resumes a request nobody read, to drain it: undone here.
    events.pause();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    (timer as { unref?: () => void }).unref?.();
    events.on("close", () => clearTimeout(timer));
  };
  if (typeof socket.destroySoon === "function") socket.destroySoon = linger;
  once.call(res, "finish", linger);
}
