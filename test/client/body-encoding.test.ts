// Header and cookie parameters and non-JSON bodies (src/body-encoders.ts): what a
// method puts on the wire for them, and the typed errors for what cannot be sent. And
// that a client has these encoders only when its spec needs them
// (src/generated/encoders.ts, written by scripts/lib/encoders-file.mjs); the mutation
// suite (test/pipeline/mutations.test.ts) sends them through a client built from a spec
// that has them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encodersFile, neededEncoders } from "../../scripts/lib/encoders-file.mjs";
import { encodeBody, headerParams } from "../../src/body-encoders.js";
import { ChirpValidationError } from "../../src/errors/validation-error.js";
import { encoders } from "../../src/generated/encoders.js";
import { Chirp } from "../../src/index.js";
import { APP_KEY, BASE_URL, json, rejection, scriptedFetch } from "./helpers.js";

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

describe("only the encoders the spec needs", () => {
  const spec = JSON.parse(readFileSync(new URL("../../openapi/openapi.json", import.meta.url), "utf8"));

  it("today's spec has only JSON bodies and path/query parameters: no encoder is imported", () => {
    expect(neededEncoders(spec)).toEqual({ body: false, params: false });
    expect(encoders).toEqual({});
    const file = encodersFile(spec, () => "");
    expect(file).toContain('import type { BodyEncoders } from "../body-encoders.js";');
    expect(file).not.toMatch(/import \{[^}]*encodeBody/);
  });

  it("a form body or a header/cookie parameter in the spec brings its encoder", () => {
    const withThem = structuredClone(spec);
    withThem.paths["/v1/uploads"] = {
      post: {
        operationId: "uploadMedia",
        parameters: [{ name: "X-App-Id", in: "header", required: true, schema: { type: "string" } }],
        requestBody: { content: { "multipart/form-data": { schema: { type: "object" } } } },
        responses: { "201": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
      },
    };
    expect(neededEncoders(withThem)).toEqual({ body: true, params: true });
    const file = encodersFile(withThem, () => "");
    expect(file).toContain('import { type BodyEncoders, encodeBody, headerParams } from "../body-encoders.js";');
    expect(file).toContain("export const encoders: BodyEncoders = { body: encodeBody, params: headerParams };");
    const cookieOnly = structuredClone(spec);
    cookieOnly.paths["/v1/sms"].parameters = [{ name: "s", in: "cookie", schema: { type: "string" } }];
    expect(neededEncoders(cookieOnly)).toEqual({ body: false, params: true });
  });

  it("a header or cookie passed to an operation of a spec without such parameters is refused, nothing sent", async () => {
    const { fetch, log } = scriptedFetch(json(200, {}));
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: BASE_URL, fetch, logLevel: "off" });
    const call = (params: object) => chirp.request("listWebhooks", params as never);
    const error = await rejection(call({ header: { "X-App-Id": "app_1" } }));
    expect(error).toBeInstanceOf(ChirpValidationError);
    expect(error).toMatchObject({
      param: "header",
      message: expect.stringContaining("listWebhooks: the Chirp API has no header parameters"),
    });
    expect(await rejection(call({ cookie: { s: "1" } }))).toMatchObject({ param: "cookie" });
    expect(log).toHaveLength(0);
  });
});
