// The types of the path-style client (src/path-style.ts): openapi-fetch's `Client<paths>`,
// with request methods that stay exact and bounded however large the spec grows.
//
// Every signature here is generic over `Paths` and only its use names the spec's
// `paths`: an alias whose body names `paths` itself is checked with its type parameters
// at their constraints — each method's options spelled out for every path of the
// spec, 145,000 types at 20× today's spec, and again at each call. test/types/
// operations.test-d.ts holds the calls that must and must not compile.

import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";

/** The request methods of the spec's path items, as openapi-typescript names them. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** The paths of the Chirp spec that have method `M` (openapi-fetch's `PathsWithMethod`). */
export type PathsWithMethod<M extends HttpMethod> = PathsOf<paths, M>;

/** The paths of `Paths` that have method `M`. */
type PathsOf<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof Paths];

// openapi-fetch's helpers, as it defines them (it does not export them).
type RequiredKeysOfHelper<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/**
 * The path item of `Path` — or, when `Path` is every path of the method at once, an
 * item with nothing to spell out. TypeScript lands there when a call's URL is not a
 * path of the method (`api.GET("/v1/sms")`): it reports the URL, then falls back to
 * the constraint. openapi-fetch's own signature then types the options and the answer
 * of every such path together — millions of instantiations at 20× today's spec, past
 * TypeScript's limit, where the call stopped being an error at all (issue 22). Checking
 * a single path against the whole union fails at its first other member: cheap. */
type ItemOf<Paths, Path extends keyof Paths, M extends HttpMethod> = {
  [K in M]: [PathsOf<Paths, M>] extends [Path] ? never : Paths[Path][K & keyof Paths[Path]];
};

/** The operation object of `Path`'s method `M`. */
type OperationOf<Paths, Path extends keyof Paths, M extends HttpMethod> = Extract<
  ItemOf<Paths, Path, M>[M],
  Record<string | number, unknown>
>;

/** A request method of the path-style client: openapi-fetch's `ClientMethod`, exact and bounded at any spec size. */
export type PathMethod<M extends HttpMethod> = PathMethodOf<paths, M>;

/** `PathMethod` over any `Paths`. */
type PathMethodOf<Paths, M extends HttpMethod> = <
  Path extends PathsOf<Paths, M>,
  Init extends MaybeOptionalInit<ItemOf<Paths, Path, M>, M>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<FetchResponse<OperationOf<Paths, Path, M>, Init, `${string}/${string}`>>;

/**
 * The path-style client `createPathClient` returns: openapi-fetch's `Client<paths>`
 * (`GET` / `PUT` / `POST` / `PATCH` / `DELETE` … by path, `use`, `eject`), with request
 * methods typed so that a URL that is not a path of the method stays a type error
 * however large the spec grows (see `PathMethod`).
 */
export interface PathClient extends Pick<Client<paths>, "use" | "eject"> {
  /** Call a GET endpoint. */
  GET: PathMethod<"get">;
  /** Call a PUT endpoint. */
  PUT: PathMethod<"put">;
  /** Call a POST endpoint. */
  POST: PathMethod<"post">;
  /** Call a DELETE endpoint. */
  DELETE: PathMethod<"delete">;
  /** Call an OPTIONS endpoint. */
  OPTIONS: PathMethod<"options">;
  /** Call a HEAD endpoint. */
  HEAD: PathMethod<"head">;
  /** Call a PATCH endpoint. */
  PATCH: PathMethod<"patch">;
  /** Call a TRACE endpoint. */
  TRACE: PathMethod<"trace">;
  /** Call any endpoint: `request("get", "/v1/…", init)`. */
  request: PathRequestOf<paths>;
}

/**
 * `request(method, url, init)` over `Paths`: one overload per method rather than one
 * signature generic in the method, which TypeScript checked with every method's paths at
 * once (5 s of a 20× spec's type-check for one call).
 */
type PathRequestOf<Paths> = RequestFor<Paths, "get"> &
  RequestFor<Paths, "put"> &
  RequestFor<Paths, "post"> &
  RequestFor<Paths, "delete"> &
  RequestFor<Paths, "options"> &
  RequestFor<Paths, "head"> &
  RequestFor<Paths, "patch"> &
  RequestFor<Paths, "trace">;

/** `request` for method `M`. */
type RequestFor<Paths, M extends HttpMethod> = <
  Path extends PathsOf<Paths, M>,
  Init extends MaybeOptionalInit<ItemOf<Paths, Path, M>, M>,
>(
  method: M,
  url: Path,
  ...init: InitParam<Init>
) => Promise<FetchResponse<OperationOf<Paths, Path, M>, Init, `${string}/${string}`>>;
