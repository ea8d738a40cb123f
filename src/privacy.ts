// What of a call may reach a log line, a span or a metric: never a key, and by default no
// personal data. Phone numbers are masked to their country code and last two digits
// (`+44*******89`), enough to tell two recipients apart in an incident without naming
// anyone; message text, template variables, media URLs and names are in bodies, and
// bodies are left out unless the app opts in (`logBodies: true`).
import { redactKeys } from "./errors/redact.js";

// A phone number anywhere in a text: + (or %2B in a URL) and 6–15 digits, or a bare run of
// 9–15 digits (a number written without its +), told by the lookaheads; then the country
// calling code, the digits hidden, the last two. Country codes are prefix-free: 1 and 7
// alone, the two-digit ones listed here (20, 27, 30–34, 36, 39, 40, 41, 43–49, 51–58,
// 60–66, 81, 82, 84, 86, 90–95, 98), else three digits. Separators inside a number are
// not recognised: Chirp takes E.164 only, which has none.
const PHONE =
  /(?:(?:\+|%2B)(?=\d{6,15}(?!\d))|(?<!\w)(?=\d{9,15}(?!\w)))([17]|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]|\d{3})(\d*)(\d\d)/gi;

/** `+15551234567` → `+1*******67`: every phone number in `text` as its country code and last two digits. */
export function maskPhone(text: string): string {
  return text.replace(
    PHONE,
    (_, cc: string, hidden: string, last: string) => `+${cc}${"*".repeat(hidden.length)}${last}`,
  );
}

/** `text` with keys redacted and every phone number masked. */
export function scrub(text: string): string {
  return maskPhone(redactKeys(text));
}
