// docUrl for a code the spec does not document (issue 21, "also look at"): the fallback
// anchor on Chirp's error-code page is only made for the documented codes — an anchor
// made up for any code the server sends would point at nothing.
import { describe, expect, it } from "vitest";
import { Chirp, type ChirpApiError } from "../../src/index.js";
import { APP_KEY, apiError, rejection, scriptedFetch } from "./helpers.js";

const failWith = async (error: Record<string, unknown>) => {
  const chirp = new Chirp({ appKey: APP_KEY, fetch: scriptedFetch(apiError(404, error)).fetch, maxRetries: 0 });
  return (await rejection(chirp.listWebhooks())) as ChirpApiError;
};

describe("docUrl of an undocumented code", () => {
  it("is undefined: no anchor is made up for a code the spec does not list", async () => {
    const error = await failWith({ type: "invalid_request_error", code: "brand_new_code", message: "no" });
    expect(error.code).toBe("brand_new_code");
    expect(error.docUrl).toBeUndefined();
  });

  it("is still the body's own doc_url when it sends one", async () => {
    const error = await failWith({ code: "brand_new_code", message: "no", doc_url: "https://d/#brand_new_code" });
    expect(error.docUrl).toBe("https://d/#brand_new_code");
  });

  it("is the code's anchor for a documented code (unchanged)", async () => {
    const error = await failWith({ type: "invalid_request_error", code: "template_not_found", message: "no" });
    expect(error.docUrl).toBe("https://docs.buildwithchirp.com/api_reference/error-codes#template_not_found");
  });
});
