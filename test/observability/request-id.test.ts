// readRequestId takes the server's request id only when it is a short printable token
// (no space or control character, at most 128 characters) and not key-shaped: a header
// made up by a proxy must not carry a line break, a megabyte or a key into a log line.
import { describe, expect, it } from "vitest";
import { readRequestId } from "../../src/request-id.js";

const read = (init: Record<string, string>) => readRequestId(new Headers(init));

describe("readRequestId", () => {
  it("takes x-request-id, else request-id, else none", () => {
    expect(read({ "x-request-id": "req_1", "request-id": "req_2" })).toBe("req_1");
    expect(read({ "Request-Id": "req_2" })).toBe("req_2");
    expect(read({})).toBeUndefined();
  });

  it("keeps every printable ASCII character, ! to ~, up to 128 of them", () => {
    let printable = "";
    for (let c = 0x21; c <= 0x7e; c++) printable += String.fromCharCode(c);
    expect(read({ "x-request-id": printable })).toBe(printable);
    expect(read({ "x-request-id": "r".repeat(128) })).toBe("r".repeat(128));
  });

  it("drops a longer one, one with a space, a tab, a control or a non-ASCII character, and an empty one", () => {
    for (const value of ["r".repeat(129), "req 1", "req\t1", "req\x7f", "req\x01", "r\xe9q", ""]) {
      expect(read({ "x-request-id": value }), JSON.stringify(value)).toBeUndefined();
    }
  });

  it("drops a key-shaped one whole", () => {
    expect(read({ "x-request-id": "sk_live_app_abc" })).toBeUndefined();
  });
});
