// The typed openapi-fetch client behind `chirp.GET` / `chirp.POST` / …: its
// requests go through the same transport as the operation methods, so they get the
// same key choice, retries, timeouts, rate limiting and error classes. It throws
// instead of returning `{ error }`, since the transport throws for every failure.
import createClient, { type Client } from "openapi-fetch";
import type { KeyRing } from "./auth.js";
import { ChirpConfigError } from "./errors/chirp-error.js";
import type { paths } from "./generated/openapi.js";
import { type OperationId, type OperationInfo, operations } from "./generated/operations.js";
import { guardPathStyle, type PathStyleFetch } from "./path-style-guard.js";
import type { RetryOptions } from "./retry.js";
import { send, type TransportSettings } from "./transport.js";

let routes: Map<string, OperationId> | undefined;

/** The operation a method and path template name (openapi-fetch passes the template as `schemaPath`). */
function routeOf(method: string, schemaPath: string): OperationId {
  if (!routes) {
    routes = new Map();
    for (const id of Object.keys(operations) as OperationId[]) {
      const op: OperationInfo = operations[id];
      routes.set(`${op.method} ${op.path}`, id);
    }
  }
  const id = routes.get(`${method} ${schemaPath}`);
  if (!id) throw new ChirpConfigError(`${method} ${schemaPath} is not an operation of the Chirp API.`);
  return id;
}

/** Builds the path-style client for a `Chirp` instance. */
export function createPathStyleClient(
  baseUrl: string,
  keys: KeyRing,
  settings: TransportSettings,
  timeout: number,
  retry: Required<RetryOptions>,
): Client<paths> {
  // Which operation each Request is, from the middleware to the fetch below.
  const operationOf = new WeakMap<Request, OperationId>();
  const fetch: PathStyleFetch = async (request, onAnswer) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.body === null ? undefined : await request.text();
    const operationId = operationOf.get(request);
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
      },
      // Read here, under the attempt's timeout: a body stalled mid-way times out like a method's.
      async (response, req) => {
        const bytes = new Uint8Array(await response.arrayBuffer());
        onAnswer({ method: req.method, path: req.path, status: response.status, bytes });
        const { status, statusText, headers: answered } = response;
        return new Response(status === 204 || status === 205 ? null : bytes, { status, statusText, headers: answered });
      },
    );
  };
  const api = createClient<paths>({ baseUrl });
  api.use({
    onRequest: ({ request, schemaPath }) => {
      const operationId = routeOf(request.method, schemaPath);
      const key = keys.forOperation(operationId, (operations[operationId] as OperationInfo).security);
      if (key) request.headers.set("authorization", `Bearer ${key}`);
      operationOf.set(request, operationId);
      return request;
    },
  });
  return guardPathStyle(api, fetch);
}
