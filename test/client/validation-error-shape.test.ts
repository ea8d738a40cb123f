// A handler written against the declared types of `instanceof InvalidRequestError`
// (test/types/error-narrowing.test-d.ts) must not crash on a ChirpValidationError,
// which passes that test though nothing was sent (issue 21.4).
import { describe, expect, it } from "vitest";
import { Chirp, ChirpApiError, ChirpValidationError, InvalidRequestError } from "../../src/index.js";
import { APP_KEY, BASE_URL, rejection, scriptedFetch } from "./helpers.js";

/** An app's error handler, as the types allow it to be written (it type-checks under --strict). */
function describeRefusal(error: unknown): string {
  if (!(error instanceof InvalidRequestError)) return "not an invalid request";
  const wait = error.headers.get("retry-after") ?? "none";
  const status = error.status ?? "not sent";
  return `${status} ${error.code} ${error.param} retry-after=${wait} body=${error.rawBody.length}B ${error.serverMessage ?? error.message}`;
}

describe("ChirpValidationError caught as InvalidRequestError", () => {
  it("carries what the narrowed type promises: empty headers, empty rawBody, no status", async () => {
    const { fetch, log } = scriptedFetch();
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: BASE_URL, fetch });
    const error = await rejection(chirp.sendSms({ body: { from: "+15551234567", to: ["12"], text: "hi" } }));
    expect(log).toHaveLength(0);
    expect(error).toBeInstanceOf(ChirpValidationError);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).not.toBeInstanceOf(ChirpApiError);
    expect(() => describeRefusal(error)).not.toThrow();
    expect(describeRefusal(error)).toMatch(/^not sent invalid_phone_number to\[0\] retry-after=none body=0B /);
    const refusal = error as ChirpValidationError;
    expect(refusal.headers).toBeInstanceOf(Headers);
    expect([...refusal.headers]).toEqual([]);
    expect(refusal.rawBody).toBe("");
    expect(refusal.status).toBeUndefined();
    expect(refusal.method).toBeUndefined();
  });
});
