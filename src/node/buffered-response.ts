// A Response whose body is already in memory. On Node 20, giving a Response a body
// builds a web ReadableStream, and text() reads it back through that stream: about
// 10 µs of CPU per response, more than node:http spends on the whole request. This
// subclass keeps the bytes and answers text(), json(), arrayBuffer(), bytes() and
// blob() from them; `body` builds the stream only for a caller who asks for it.
//
// Differences from a streamed Response, on purpose: touching `body` counts as using
// it (a later text() throws), and `url` is empty (as for any constructed Response).

const decoder = /* @__PURE__ */ new TextDecoder();

/** A fetch `Response` over bytes in memory, read without web streams. */
export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer> | null;
  readonly #status: number;
  readonly #bodyError: unknown;
  #used = false;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null = null;

  /**
   * `bytes` is null for statuses that have no body (204, 304, …). A status outside
   * 200–599, which the Response constructor refuses but a server can send (and global
   * fetch passes on), is kept and reported by `status` (and `ok` is false). `bodyError`
   * set: the body failed to arrive, and every read of it rejects with that error.
   */
  constructor(bytes: Uint8Array<ArrayBuffer> | null, init: ResponseInit, bodyError?: unknown) {
    const status = init.status ?? 200;
    const odd = !(status >= 200 && status <= 599);
    super(null, odd ? { ...init, status: 599 } : init);
    this.#bytes = bytes;
    this.#status = status;
    this.#bodyError = bodyError;
  }

  override get status(): number {
    return this.#status;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#bodyError !== undefined && !this.#stream) {
      const error = this.#bodyError;
      this.#used = true;
      this.#stream = new ReadableStream({ start: (c) => c.error(error) });
    }
    if (this.#bytes === null && this.#bodyError === undefined) return null;
    if (!this.#stream) {
      this.#used = true;
      this.#stream = new Response(this.#bytes).body as ReadableStream<Uint8Array<ArrayBuffer>>;
    }
    return this.#stream;
  }

  override get bodyUsed(): boolean {
    return this.#used;
  }

  // Same rule as fetch: a body is read once.
  #take(): Uint8Array<ArrayBuffer> {
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    // The answer came but its body did not (reset, abort): reading fails, as with fetch.
    if (this.#bodyError !== undefined) throw this.#bodyError;
    return this.#bytes ?? new Uint8Array(0);
  }

  override text(): Promise<string> {
    try {
      return Promise.resolve(decoder.decode(this.#take()));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  override json(): Promise<unknown> {
    return this.text().then(JSON.parse);
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    try {
      // A copy on its own ArrayBuffer: a Buffer's slice() is a view into Node's shared pool.
      return Promise.resolve(new Uint8Array(this.#take()));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes().then((b) => b.buffer);
  }

  override blob(): Promise<Blob> {
    return this.bytes().then((b) => new Blob([b], { type: this.headers.get("content-type") ?? "" }));
  }

  override formData(): Promise<FormData> {
    return this.bytes().then((b) => new Response(b, { headers: this.headers }).formData());
  }

  override clone(): Response {
    if (this.#used) throw new TypeError("Response.clone: Body has already been consumed.");
    return new BufferedResponse(
      this.#bytes,
      { status: this.status, statusText: this.statusText, headers: this.headers },
      this.#bodyError,
    );
  }
}
