// Header and cookie parameters and non-JSON bodies (src/body-encoding.ts): what a
// method puts on the wire for them, and the typed errors for what cannot be sent.
import { describe, expect, it } from "vitest";
import { encodeBody, headerParams } from "../../src/body-encoding.js";
import { ChirpValidationError } from "../../src/errors/validation-error.js";

describe("header and cookie parameters", () => {
  it("sends header parameters lower-cased, arrays comma-joined, cookies in one encoded header", () => {
    expect(
      headerParams("op", { "X-App-Id": "app_1", "X-Tags": ["a", "b"], "X-Skip": undefined }, { s: "a b", n: 2 }),
    ).toEqual({
      "x-app-id": "app_1",
      "x-tags": "a,b",
      cookie: "s=a%20b; n=2",
    });
  });

  it("refuses a line break in a header value without echoing it, and a non-token name", () => {
    const error = (() => {
      try {
        headerParams("op", { "X-App-Id": "secret\r\nx: y" }, undefined);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ChirpValidationError);
    expect(String((error as Error).message)).not.toContain("secret");
    expect(() => headerParams("op", { "bad name": "x" }, undefined)).toThrow(ChirpValidationError);
    expect(() => headerParams("op", { "X-Obj": { a: 1 } }, undefined)).toThrow(/header.X-Obj must be a string/);
  });
});

describe("bodies by media type", () => {
  it("multipart: a FormData with Blob parts, JSON parts for objects, no content-type (fetch sets the boundary)", async () => {
    const file = new File(["abc"], "a.txt", { type: "text/plain" });
    const { body, contentType } = encodeBody("up", "multipart/form-data", {
      file,
      tags: ["x", "y"],
      meta: { a: 1 },
      skipped: undefined,
    });
    expect(contentType).toBeUndefined();
    const form = body as FormData;
    expect((form.get("file") as File).name).toBe("a.txt");
    expect(form.getAll("tags")).toEqual(["x", "y"]);
    expect(await (form.get("meta") as Blob).text()).toBe('{"a":1}');
    expect(form.has("skipped")).toBe(false);
    const given = new FormData();
    expect(encodeBody("up", "multipart/form-data", given).body).toBe(given);
  });

  it("urlencoded: form text, arrays repeated; a file or nested object is refused by field", () => {
    expect(encodeBody("f", "application/x-www-form-urlencoded", { a: "+1 2", k: ["x", "y"] })).toEqual({
      body: "a=%2B1+2&k=x&k=y",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(() => encodeBody("f", "application/x-www-form-urlencoded", { f: new Blob(["x"]) })).toThrow(
      /body.f cannot be sent in a URL-encoded form \(a file needs multipart/,
    );
    expect(() => encodeBody("f", "application/x-www-form-urlencoded", "a=b")).toThrow(ChirpValidationError);
  });

  it("raw bodies: bytes become a Blob with the spec's media type; a wildcard takes the Blob's own", () => {
    const bytes = encodeBody("raw", "application/octet-stream", new Uint8Array([1, 2]));
    expect(bytes.body).toBeInstanceOf(Blob);
    expect(bytes.contentType).toBe("application/octet-stream");
    expect(encodeBody("raw", "image/*", new Blob(["x"], { type: "image/png" })).contentType).toBe("image/png");
    expect(encodeBody("t", "text/plain", "hi")).toEqual({ body: "hi", contentType: "text/plain" });
    expect(() => encodeBody("raw", "application/octet-stream", { a: 1 })).toThrow(ChirpValidationError);
  });
});
