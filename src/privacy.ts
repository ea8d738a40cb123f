// What of a call may reach a log line, a span or a metric: never a key, and by default no
// personal data. Phone numbers are masked to their country code and last two digits
// (`+44*******89`), enough to tell two recipients apart in an incident without naming
// anyone; message text, template variables, media URLs and names are in bodies, and
// bodies are left out unless the app opts in (`logBodies: true`).
import { redactKeys } from "./errors/redact.js";

// E.164 country codes are prefix-free: 1 and 7 alone, these two-digit ones, else three digits.
const TWO_DIGIT_CODES = /* @__PURE__ */ new Set(
  "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split(
    " ",
  ),
);

/** The country calling code that `digits` (an E.164 number without its +) starts with. */
export function countryCode(digits: string): string {
  if (digits[0] === "1" || digits[0] === "7") return digits.slice(0, 1);
  const two = digits.slice(0, 2);
  return TWO_DIGIT_CODES.has(two) ? two : digits.slice(0, 3);
}

/** `+15551234567` → `+1*******67`: the country code and the last two digits. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/^(?:\+|%2B)/i, "");
  const cc = countryCode(digits);
  const hidden = Math.max(0, digits.length - cc.length - 2);
  return `+${cc}${"*".repeat(hidden)}${digits.slice(cc.length + hidden)}`;
}

// A phone number anywhere in a text: + (or %2B in a URL) and 6–15 digits, or a bare run of
// 9–15 digits (a number written without its +). Separators inside a number are not
// recognised: Chirp takes E.164 only, which has none.
const PHONE = /(?:\+|%2B)\d{6,15}(?!\d)|(?<![\d\w])\d{9,15}(?![\d\w])/gi;

/** `text` with keys redacted and every phone number masked. */
export function scrub(text: string): string {
  return redactKeys(text).replace(PHONE, maskPhone);
}
