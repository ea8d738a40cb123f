// Everything of a request that is not JSON: the spec's header and cookie parameters,
// and bodies in the media type the spec names for the operation (`bodyType` in
// src/generated/operations.ts) — multipart forms, URL-encoded forms, raw bytes and
// text. Reached from src/call/2-request.ts through src/body-encoding.ts, and only when
// the spec has such a parameter or body (src/generated/encoders.ts imports this file
// then): JSON bodies stay in 2-request.ts, and an app of a spec without any bundles none
// of this. Bad input is a ChirpValidationError naming the field, never a
// request sent half-encoded; a header value is never echoed (it may be a credential).
import { ChirpValidationError } from "./errors/validation-error.js";
import { HTTP_TOKEN } from "./http-token.js";

/** What no header value may hold: a line break would start another header. */
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

/** One header or cookie value as text: scalars as written, arrays comma-joined (OpenAPI's `simple` style). */
function scalarText(operationId: string, where: string, value: unknown): string {
  const one = (v: unknown): string => {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || typeof v === "bigint")
      return String(v);
    throw new ChirpValidationError(
      `${operationId}: ${where} must be a string, number or boolean (or an array of them); got ${v === null ? "null" : typeof v}.`,
      where,
    );
  };
  return Array.isArray(value) ? value.map(one).join(",") : one(value);
}

/**
 * The headers for an operation's header and cookie parameters (`params.header`,
 * `params.cookie`): names lower-cased, cookies joined into one `cookie` header with
 * their values percent-encoded. Undefined values are left out.
 */
export function headerParams(
  operationId: string,
  header: Readonly<Record<string, unknown>> | undefined,
  cookie: Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(header ?? {})) {
    if (value === undefined) continue;
    if (!HTTP_TOKEN.test(name))
      throw new ChirpValidationError(`${operationId}: ${JSON.stringify(name)} is not a header name.`, `header`);
    const text = scalarText(operationId, `header.${name}`, value);
    if (FORBIDDEN_IN_VALUE.test(text)) {
      throw new ChirpValidationError(`${operationId}: header ${name} contains a line break or NUL.`, `header.${name}`);
    }
    out[name.toLowerCase()] = text;
  }
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(cookie ?? {})) {
    if (value === undefined) continue;
    if (!HTTP_TOKEN.test(name))
      throw new ChirpValidationError(`${operationId}: ${JSON.stringify(name)} is not a cookie name.`, `cookie`);
    cookies.push(`${name}=${encodeURIComponent(scalarText(operationId, `cookie.${name}`, value))}`);
  }
  if (cookies.length) out.cookie = cookies.join("; ");
  return out;
}

/** A body ready for fetch, and the content-type to send it with (none for FormData: fetch writes the boundary). */
export interface EncodedBody {
  readonly body: string | FormData | Blob;
  readonly contentType: string | undefined;
}

function plainObject(operationId: string, mediaType: string, body: unknown): Readonly<Record<string, unknown>> {
  if (body && typeof body === "object" && !Array.isArray(body) && !(body instanceof Blob)) {
    return body as Record<string, unknown>;
  }
  throw new ChirpValidationError(
    `${operationId}: the body is sent as ${mediaType}, so it must be an object of fields; got ${Array.isArray(body) ? "an array" : typeof body}.`,
    "body",
  );
}

/** One multipart part: a Blob (a File keeps its name) as a file, an object as a JSON part, anything else as text. */
function appendPart(form: FormData, name: string, value: unknown): void {
  if (value instanceof Blob) form.append(name, value);
  else if (value !== null && typeof value === "object") {
    // OpenAPI's default for an object part is application/json.
    form.append(name, new Blob([JSON.stringify(value)], { type: "application/json" }));
  } else form.append(name, String(value));
}

function multipart(operationId: string, body: unknown): EncodedBody {
  if (body instanceof FormData) return { body, contentType: undefined };
  const form = new FormData();
  for (const [name, value] of Object.entries(plainObject(operationId, "multipart/form-data", body))) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) appendPart(form, name, item);
    else appendPart(form, name, value);
  }
  return { body: form, contentType: undefined };
}

function urlEncoded(operationId: string, body: unknown): EncodedBody {
  const type = "application/x-www-form-urlencoded";
  if (body instanceof URLSearchParams) return { body: body.toString(), contentType: type };
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(plainObject(operationId, type, body))) {
    if (value === undefined) continue;
    // Arrays repeat the field (OpenAPI's `form` style, `explode: true`, the default).
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && (typeof item === "object" || typeof item === "function")) {
        throw new ChirpValidationError(
          `${operationId}: body.${name} cannot be sent in a URL-encoded form (${item instanceof Blob ? "a file needs multipart/form-data" : "nested objects have no form encoding"}).`,
          `body.${name}`,
        );
      }
      form.append(name, String(item));
    }
  }
  return { body: form.toString(), contentType: type };
}

/**
 * `body` encoded as `mediaType` (an operation's `bodyType`): `multipart/form-data` → a
 * `FormData` (a `FormData` given is sent as it is); `application/x-www-form-urlencoded`
 * → form text; `text/*` → the string; anything else (`application/octet-stream`,
 * `image/png`) → a `Blob` from a Blob, ArrayBuffer, typed array or string.
 */
export function encodeBody(operationId: string, mediaType: string, body: unknown): EncodedBody {
  const base = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (base === "multipart/form-data") return multipart(operationId, body);
  if (base === "application/x-www-form-urlencoded") return urlEncoded(operationId, body);
  // A wildcard in the spec (`image/*`) is no content-type to send: the Blob's own type is.
  const declared = mediaType.includes("*") ? undefined : mediaType;
  if (typeof body === "string") return { body, contentType: declared ?? "text/plain" };
  if (body instanceof Blob) return { body, contentType: declared ?? (body.type || "application/octet-stream") };
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    return { body: new Blob([body as ArrayBuffer]), contentType: declared ?? "application/octet-stream" };
  }
  throw new ChirpValidationError(
    `${operationId}: the body is sent as ${mediaType}, so it must be a Blob, bytes or a string; got ${body === null ? "null" : typeof body}.`,
    "body",
  );
}

/** The encoders a spec's operations need (src/generated/encoders.ts): each only when some operation does. */
export interface BodyEncoders {
  /** When some operation's body is not JSON (a `bodyType`). */
  readonly body?: typeof encodeBody;
  /** When some operation has header or cookie parameters. */
  readonly params?: typeof headerParams;
}
