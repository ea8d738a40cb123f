// Checks made before sending, for mistakes the SDK can see and the server would
// only answer with a 400 after the fact (or, for a wrong number, a bill).
import { ChirpValidationError } from "./errors/validation-error.js";

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * Throws `ChirpValidationError` (code `invalid_phone_number`) when a phone field of a
 * send operation is not E.164. Which fields are phone fields comes from the spec
 * (`phoneFields` in src/generated/operations.ts).
 */
export function checkPhoneFields(operationId: string, fields: readonly string[], body: unknown): void {
  if (!body || typeof body !== "object") return;
  for (const field of fields) {
    const value = (body as Record<string, unknown>)[field];
    // Plain loops: the check runs on every send, and a closure and an array per field are its cost.
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) checkPhone(operationId, field, value[i], i);
    else checkPhone(operationId, field, value);
  }
}

/** Throws unless `v` (the `i`th of `field`, or `field` itself) is E.164 or undefined. */
function checkPhone(operationId: string, field: string, v: unknown, i?: number): void {
  if (v === undefined || (typeof v === "string" && E164.test(v))) return;
  const param = i === undefined ? field : `${field}[${i}]`;
  const shown = typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : typeof v;
  throw new ChirpValidationError(
    `${operationId}: ${param} must be an E.164 phone number like "+15551234567"; got ${shown} (validatePhoneNumbers: false turns this check off).`,
    param,
    "invalid_phone_number",
  );
}

/**
 * Throws when a path parameter is empty, `.` or `..`: once in the URL it would
 * address another resource (`DELETE /v1/webhooks/` or a parent path), not the one named.
 */
export function checkPathValues(operationId: string, path: Readonly<Record<string, unknown>>): void {
  for (const name in path) {
    const value = path[name];
    if (value === "" || value === "." || value === "..") {
      throw new ChirpValidationError(
        `${operationId}: path parameter "${name}" is ${JSON.stringify(value)}, which names no resource.`,
        `path.${name}`,
      );
    }
  }
}

/**
 * Throws when a `{name}` of the path template was not filled in. `path` is the path alone (no
 * base URL, no query): a filled-in value is percent-encoded, so a `{` left is the template's.
 */
export function checkPathFilled(operationId: string, path: string): void {
  const open = path.indexOf("{");
  if (open === -1) return;
  const name = path.slice(open + 1, path.indexOf("}", open));
  throw new ChirpValidationError(
    `${operationId}: missing path parameter "${name}" (pass it as path.${name}).`,
    `path.${name}`,
  );
}

/** JSON.stringify that names the operation when the body cannot be serialised (cycles, BigInt). */
export function serializeBody(operationId: string, body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (cause) {
    throw new ChirpValidationError(
      `${operationId}: the body cannot be sent as JSON (${cause instanceof Error ? cause.message : String(cause)}).`,
      "body",
      undefined,
      cause,
    );
  }
}
