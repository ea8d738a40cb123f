// The in-memory Response of the node:http transport behaves like a fetch Response
// for every way of reading a body.
import { describe, expect, it } from "vitest";
import { BufferedResponse } from "../src/node/buffered-response.js";

const bytesOf = (text: string) => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
const make = (text: string, headers: Record<string, string> = {}) =>
  new BufferedResponse(bytesOf(text), { status: 200, statusText: "OK", headers });

describe("BufferedResponse", () => {
  it("is a Response with the status, status text and headers it was given", () => {
    const r = new BufferedResponse(bytesOf("{}"), { status: 201, statusText: "Created", headers: { "x-a": "1" } });
    expect(r).toBeInstanceOf(Response);
    expect([r.status, r.statusText, r.ok, r.headers.get("x-a")]).toEqual([201, "Created", true, "1"]);
  });

  it("reads text and JSON once, then refuses like fetch", async () => {
    const r = make('{"a":"é"}');
    expect(r.bodyUsed).toBe(false);
    await expect(r.json()).resolves.toEqual({ a: "é" });
    expect(r.bodyUsed).toBe(true);
    await expect(r.text()).rejects.toThrow(TypeError);
  });

  it("gives exactly its own bytes, even when they are a view into a larger buffer", async () => {
    const big = Buffer.from("xxHELLOyy");
    const view = big.subarray(2, 7) as Uint8Array<ArrayBuffer>;
    const buffer = await new BufferedResponse(view, { status: 200 }).arrayBuffer();
    expect(Buffer.from(buffer).toString()).toBe("HELLO");
  });

  it("gives a blob typed by content-type and a readable body stream", async () => {
    const blob = await make("hi", { "content-type": "text/plain" }).blob();
    expect([blob.type, await blob.text()]).toEqual(["text/plain", "hi"]);
    const streamed = await new Response(make("streamed").body).text();
    expect(streamed).toBe("streamed");
  });

  it("clones before reading, and not after", async () => {
    const r = make("one");
    const copy = r.clone();
    expect(await r.text()).toBe("one");
    expect(await copy.text()).toBe("one");
    expect(() => r.clone()).toThrow(TypeError);
  });

  it("has a null body for statuses without one", async () => {
    const r = new BufferedResponse(null, { status: 204 });
    expect(r.body).toBeNull();
    await expect(r.text()).resolves.toBe("");
  });
});
