// The typed openapi-fetch client for path-style calls (`api.GET("/v1/…")`), made
// from a `Chirp` client by `createPathClient`: its requests go through the same
// transport as the operation methods, so they get the same key choice, retries,
// timeouts, rate limiting and error classes. It throws instead of returning
// `{ error }`, since the transport throws for every failure. A function of its own
// (not a member of `Chirp`) so that openapi-fetch's client is bundled only by apps
// that make one.
import createClient from "openapi-fetch";
import { refuseAuthorizationHeader } from "./auth.js";
import { send } from "./call/4-transport.js";
import { emptyBody } from "./call/5-read.js";
import { type Chirp, internalsOf } from "./client.js";
import { ChirpConfigError } from "./errors/chirp-error.js";
import type { paths } from "./generated/openapi.js";
import { type OperationId, operations } from "./generated/operations.js";
import { guardPathStyle, type PathStyleFetch } from "./path-style-guard.js";
import type { PathClient } from "./path-style-types.js";
import { readRequestId } from "./request-id.js";
import { checkPathFilled, checkPathValues, checkPhoneFields } from "./validation.js";

let routes: Map<string, OperationId> | undefined;

/** The operation a method and path template name (openapi-fetch passes the template as `schemaPath`). */
function routeOf(method: string, schemaPath: string): OperationId {
  if (!routes) {
    routes = new Map();
    for (const id of Object.keys(operations) as OperationId[]) {
      const op = operations[id];
      routes.set(`${op.method} ${op.path}`, id);
    }
  }
  const id = routes.get(`${method} ${schemaPath}`);
  if (!id) throw new ChirpConfigError(`${method} ${schemaPath} is not an operation of the Chirp API.`);
  return id;
}

/** The body parsed as JSON, or undefined when it is not JSON (a custom bodySerializer): then the server decides. */
function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The typed openapi-fetch client (`GET` / `POST` / `PUT` / `PATCH` / `DELETE` by path)
 * over `chirp`'s keys, transport, timeout and retry settings. Resolves to
 * `{ data, response }` with `data` typed from the spec; every failure rejects with a
 * `ChirpError`, as the methods do.
 * @example
 * ```ts
 * import { Chirp, createPathClient } from "chirp-sdk";
 *
 * const api = createPathClient(new Chirp({ appKey: process.env.CHIRP_APP_KEY }));
 * const { data } = await api.GET("/v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile", {
 *   params: { path: { phoneNumberId: "wapn_123" } },
 * });
 * ```
 */
export function createPathClient(chirp: Chirp): PathClient {
  const { defaults, settings } = internalsOf(chirp);
  const { baseUrl, keys, timeout, retry, validatePhoneNumbers, userAgent, middleware } = defaults;
  // Which operation each Request is, from the middleware to the fetch below.
  const operationOf = new WeakMap<Request, OperationId>();
  const fetch: PathStyleFetch = async (request, onAnswer) => {
    const headers: Record<string, string> = {};
    if (userAgent) headers["user-agent"] = userAgent;
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // Text for JSON and forms; a Blob for multipart and binary bodies, whose bytes text() would mangle.
    const type = request.headers.get("content-type") ?? "";
    const binary = /^(?:multipart\/|application\/octet-stream|image\/|audio\/|video\/)/i.test(type);
    const body = request.body === null ? undefined : binary ? await request.blob() : await request.text();
    const operationId = operationOf.get(request);
    // The methods' phone check, on the body as serialised (before anything is sent).
    const phoneFields = operationId && operations[operationId].phoneFields;
    // (JSON bodies only: a multipart or binary body is checked by nothing here, as the server will.)
    if (phoneFields && validatePhoneNumbers && typeof body === "string") {
      checkPhoneFields(operationId, phoneFields, jsonOrUndefined(body));
    }
    return send(
      settings,
      {
        method: request.method,
        url: request.url,
        path: new URL(request.url).pathname,
        headers,
        body,
        signal: request.signal,
        timeout,
        retry,
        operationId,
        // The client's middleware and logger: both call styles are seen the same way.
        middleware,
      },
      // Read here, under the attempt's timeout: a body stalled mid-way times out like a method's.
      async (response, req) => {
        const bytes = new Uint8Array(await response.arrayBuffer());
        // The same rule as the methods: an empty body only where the spec documents none.
        if (bytes.length === 0) emptyBody(response, req);
        onAnswer({
          method: req.method,
          path: req.path,
          status: response.status,
          bytes,
          requestId: readRequestId(response.headers),
        });
        const { status, statusText, headers: answered } = response;
        return new Response(status === 204 || status === 205 ? null : bytes, { status, statusText, headers: answered });
      },
    );
  };
  const api = createClient<paths>({ baseUrl });
  api.use({
    onRequest: ({ request, schemaPath, params }) => {
      const operationId = routeOf(request.method, schemaPath);
      // The methods' path check: "..", "." or "" would address another resource (`DELETE /v1/`).
      if (params.path) checkPathValues(operationId, params.path);
      // And its missing-parameter check: openapi-fetch would send the template's `{name}` as it stands.
      for (const [, name = ""] of schemaPath.matchAll(/\{([^}]+)\}/g)) {
        if (params.path?.[name] == null) checkPathFilled(operationId, `{${name}}`);
      }
      if (request.headers.has("authorization")) refuseAuthorizationHeader(operationId, "authorization");
      const key = keys.forOperation(operationId, operations[operationId].security);
      if (key) request.headers.set("authorization", `Bearer ${key}`);
      operationOf.set(request, operationId);
      return request;
    },
  });
  // The same object openapi-fetch made, typed as PathClient (its methods' types, bounded).
  return guardPathStyle(api, fetch) as unknown as PathClient;
}
