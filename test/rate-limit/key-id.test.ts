import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyId, sha256Hex } from "../../src/rate-limit/key-id.js";

describe("key ids", () => {
  it.each(["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "é".repeat(100), "sk_live_app_0123456789"])(
    "SHA-256 matches node:crypto for %j",
    (text) => {
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
    },
  );

  it("names a key by 16 hex digits that do not contain it", () => {
    expect(keyId("sk_test_app_abc")).toMatch(/^[0-9a-f]{16}$/);
    expect(keyId("sk_test_app_abc")).not.toBe(keyId("sk_test_app_abd"));
  });
});
