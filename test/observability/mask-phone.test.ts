// maskPhone keeps exactly the country calling code: E.164 codes are prefix-free (1 and 7
// alone, the two-digit codes below, else three digits). src/privacy.ts holds the table as
// a regular expression; this checks it against the list, for every leading 1–3 digits.
import { describe, expect, it } from "vitest";
import { maskPhone, scrub } from "../../src/privacy.js";

const TWO_DIGIT =
  "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split(
    " ",
  );

function expectedCode(digits: string): string {
  if (digits[0] === "1" || digits[0] === "7") return digits.slice(0, 1);
  return TWO_DIGIT.includes(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
}

describe("maskPhone", () => {
  it("keeps the country code and the last two digits, for every code 000–999, with + or %2B", () => {
    for (let n = 0; n < 1000; n++) {
      const digits = `${String(n).padStart(3, "0")}5550123`;
      const cc = expectedCode(digits);
      const masked = `+${cc}${"*".repeat(digits.length - cc.length - 2)}${digits.slice(-2)}`;
      for (const prefix of ["+", "%2B", "%2b", ""]) expect(maskPhone(prefix + digits)).toBe(masked);
    }
  });

  it("masks the shortest numbers the scrubber finds (+ and 6 digits)", () => {
    expect(maskPhone("+441234")).toBe("+44**34");
    expect(maskPhone("+1234567")).toBe("+1****67");
  });
});

describe("scrub", () => {
  it("masks every number in a text: with + or %2B from 6 digits, bare from 9, not inside a word", () => {
    expect(scrub("to +447700900123 and %2B15551234567, from 447700900123")).toBe(
      "to +44********23 and +1********67, from +44********23",
    );
    expect(scrub("+441234 x")).toBe("+44**34 x");
    // Too short to be a number written without its +, or glued to letters/underscores (an id): kept.
    expect(scrub("12345678 msg_447700900123 447700900123a _447700900123")).toBe(
      "12345678 msg_447700900123 447700900123a _447700900123",
    );
  });

  it("redacts keys", () => {
    expect(scrub("key sk_live_app_abcDEF123")).toBe("key sk_live_app_[redacted]");
  });
});
