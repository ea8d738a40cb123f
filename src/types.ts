// Every operation's parameters and result, derived from src/generated — nothing
// here names an operation or a schema by hand.

import type { MiddlewareInput } from "./call/3-middleware.js";
import type { RetryOptions } from "./call/7-retry.js";
import type { ListOperationId } from "./generated/methods.js";
import type { operations as Operations } from "./generated/openapi.js";
import type { OperationId, OperationTable } from "./generated/operations.js";
import type { RateLimitInfo } from "./rate-limit-info.js";

type Table = OperationTable;
type Defined<T> = Exclude<T, undefined>;
type IsNever<T> = [T] extends [never] ? true : false;
type HasRequiredKeys<T> = {} extends T ? false : true;

/**
 * `name: T` when T has required keys, `name?: T | undefined` when not (so that
 * `exactOptionalPropertyTypes` apps can pass a maybe-undefined value), `name?: never`
 * when the operation has none.
 */
type Slot<Name extends string, T> =
  IsNever<Defined<T>> extends true
    ? { readonly [K in Name]?: never }
    : HasRequiredKeys<Defined<T>> extends true
      ? { readonly [K in Name]: Defined<T> }
      : { readonly [K in Name]?: Defined<T> | undefined };

/** The body of a request-body object: its JSON media type's schema, else its one media type's (a form, a file). */
type JsonOf<C> = C extends { content: infer M } ? (M extends { "application/json": infer B } ? B : M[keyof M]) : never;

type BodySlot<O> = O extends { requestBody: infer R }
  ? IsNever<R> extends true
    ? { readonly body?: never }
    : { readonly body: JsonOf<R> }
  : O extends { requestBody?: infer R }
    ? IsNever<Defined<R>> extends true
      ? { readonly body?: never }
      : { readonly body?: JsonOf<Defined<R>> | undefined }
    : { readonly body?: never };

/**
 * `T` with every nested schema spelled out, so that an editor's hover shows the
 * fields of a result (and of its nested objects) instead of an index into
 * `components["schemas"]` or an intersection of two object types. The same type,
 * structurally: assignable both ways.
 */
export type Readable<T> = T extends readonly (infer U)[]
  ? Readable<U>[]
  : T extends object
    ? "arrayBuffer" extends keyof T
      ? T
      : { [K in keyof T]: Readable<T[K]> }
    : T;

/** Options every call accepts besides the operation's own parameters. */
export interface CallOptions extends RetryOptions {
  /**
   * Extra request headers for this call. Not `Authorization` (a `ChirpConfigError`): the
   * client sends its own key, which the rate limiter counts against; make a client per key.
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Aborts the call (and any retry wait); the call then rejects with `ChirpAbortError`. */
  readonly signal?: AbortSignal | undefined;
  /** Per-attempt timeout for this call, in ms (overrides the client's `timeout`). */
  readonly timeout?: number | undefined;
  /** Middleware for this call only, run after (inside) the client's `middleware`. */
  readonly middleware?: readonly MiddlewareInput[] | undefined;
}

/**
 * The parameters of operation `K`: `path`, `query`, `header`, `cookie` and `body`
 * typed from the spec, plus `CallOptions`.
 */
export type OperationParams<K extends OperationId> = Slot<"path", Operations[K]["parameters"]["path"]> &
  Slot<"query", Operations[K]["parameters"]["query"]> &
  // The `header` and `cookie` slots only for an operation that has such parameters: most
  // have neither, and two more `?: never` members in every params type cost the
  // type-checker half as many types again for nothing (bench/scale.mjs).
  (Operations[K]["parameters"] extends { header?: infer H; cookie?: infer C }
    ? [Defined<H> | Defined<C>] extends [never]
      ? unknown
      : Slot<"header", H> & Slot<"cookie", C>
    : unknown) &
  BodySlot<Operations[K]> &
  CallOptions;

/**
 * What operation `K` resolves to: the body of its documented success response — parsed
 * JSON, or a `string` / `Blob` when the spec documents text or binary (`responseType`).
 */
export type OperationResult<K extends OperationId> = Table[K] extends { responseType: "text" }
  ? string
  : Table[K] extends { responseType: "blob" }
    ? Blob
    : Table[K]["status"] extends keyof Operations[K]["responses"]
      ? Operations[K]["responses"][Table[K]["status"]] extends { content: infer C }
        ? C extends { "application/json": infer D }
          ? Readable<D>
          : Readable<C[keyof C]>
        : undefined
      : never;

/** The arguments of operation `K`'s method: `params` may be left out when nothing in it is required. */
export type OperationArgs<K extends OperationId> =
  HasRequiredKeys<OperationParams<K>> extends true ? [params: OperationParams<K>] : [params?: OperationParams<K>];

/** The method name of operation `K`: its operationId, or the naming rule's spelling of it (`name` in the table). */
export type MethodName<K extends OperationId> = Table[K] extends { name: infer N extends string } ? N : K;

/** One method per operation, named by its operationId (or the naming rule's camelCase of it). */
export type OperationMethods = {
  readonly [K in OperationId as MethodName<K>]: (...args: OperationArgs<K>) => Promise<OperationResult<K>>;
};

/** A result together with the raw response it came from. */
export interface WithResponse<T> {
  /** The parsed success body. */
  readonly data: T;
  /** The raw `Response` (its body already read). */
  readonly response: Response;
  /** `X-RateLimit-*` of the response, if present. */
  readonly rateLimit: RateLimitInfo | undefined;
  /** The answer's `x-request-id` (or `request-id`) header: quote it to Chirp's support. */
  readonly requestId: string | undefined;
}

// The operations that return a list: generated as a union of names (src/generated/methods.ts),
// which an app's compiler reads as it is; a mapped type over the operation table here made
// the first `paginate` call resolve every operation's entry (bench/scale.mjs, issue 22).
export type { ListOperationId };

/** The type of one item of list operation `K`. */
export type ListItem<K extends ListOperationId> = Table[K] extends { list: { items: infer P } }
  ? P extends keyof OperationResult<K>
    ? Defined<OperationResult<K>[P]> extends ReadonlyArray<infer E>
      ? E
      : never
    : never
  : never;
