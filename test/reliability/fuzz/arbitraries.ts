// Generators of hostile server text: strings that may carry the client's key (plain or
// behind JSON escapes), names of Object.prototype members, header values, statuses
// of every family, and Retry-After values valid and not.
import fc from "fast-check";
import { errorCodes, errorTypes } from "../../../src/index.js";
import { APP_KEY } from "../clients.js";

/** Member names every object inherits: a lookup that is not own-key finds them. */
export const INHERITED = [
  "constructor",
  "toString",
  "__proto__",
  "hasOwnProperty",
  "valueOf",
  "toLocaleString",
  "isPrototypeOf",
];

/** The key, or the key with some characters written as JSON `\u00XX` escapes (for text inside JSON strings). */
const keySpelling = fc
  .array(fc.boolean(), { minLength: APP_KEY.length, maxLength: APP_KEY.length })
  .map((flags) =>
    [...APP_KEY].map((c, i) => (flags[i] ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c)).join(""),
  );

/** Printable ASCII text, sometimes with the key (plain) inside. Safe as a header value or reason phrase. */
export const printable = fc
  .tuple(
    fc.string({ unit: "grapheme-ascii", maxLength: 40 }),
    fc.nat(3),
    fc.string({ unit: "grapheme-ascii", maxLength: 10 }),
  )
  .map(([a, n, b]) => (n === 0 ? `${a}${APP_KEY}${b}` : `${a}${b}`).replace(/[\r\n]/g, " ").trim());

/** Text for inside a JSON string literal: anything, sometimes with the key, plain or escaped. */
export const jsonText = fc
  .tuple(fc.string({ maxLength: 40 }), fc.nat(3), keySpelling, fc.string({ maxLength: 10 }))
  .map(([a, n, key, b]) => {
    const escaped = (s: string) => JSON.stringify(s).slice(1, -1);
    return n === 0 ? `${escaped(a)}${key}${escaped(b)}` : escaped(`${a}${b}`);
  });

/** An `error.type` / `error.code`: documented, inherited member names, or anything. */
export const name = fc.oneof(
  fc.constantFrom(...errorTypes, ...errorCodes),
  fc.constantFrom(...INHERITED),
  fc.string({ maxLength: 20 }),
);

const str = (s: string) => `"${s}"`;
const value: fc.Arbitrary<string> = fc.oneof(
  jsonText.map(str),
  fc.integer().map(String),
  fc.constantFrom("null", "true", "[]", "{}"),
);

/** A body: Chirp's envelope (with hostile fields), the 429 string form, other JSON, or raw text. */
export const errorBody: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      type: fc.option(name.map((n) => JSON.stringify(n))),
      code: fc.option(name.map((n) => JSON.stringify(n))),
      message: fc.option(jsonText.map(str)),
      param: fc.option(value),
      doc_url: fc.option(value),
      provider: fc.option(fc.tuple(jsonText, value).map(([k, v]) => `{"name": ${v}, "${k}": ${v}}`)),
      additional_info: fc.option(fc.array(value, { maxLength: 3 }).map((a) => `[${a.join(",")}]`)),
    })
    .map((e) => {
      const fields = Object.entries(e)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => `"${k}": ${v}`);
      return `{"error": {${fields.join(", ")}}}`;
    }),
  jsonText.map((t) => `{"error": "${t}"}`),
  fc.tuple(jsonText, value).map(([k, v]) => `{"detail": ${v}, "${k}": ${v}}`),
  printable,
  fc.string({ maxLength: 200 }),
);

/** A status of each family, and statuses no spec lists. */
export const errorStatus = fc.oneof(
  fc.constantFrom(400, 401, 402, 403, 404, 408, 409, 422, 424, 429, 500, 501, 502, 503, 504),
  fc.integer({ min: 300, max: 599 }),
  fc.integer({ min: 600, max: 999 }),
);

const HTTP_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** A Retry-After value: digits, HTTP-dates in the three forms, and the malformed (`-5`, `+5`, `1,5`, `1e12`, …). */
export const retryAfter = fc.oneof(
  fc.nat(100_000).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
  fc
    .date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
    .map((d) => d.toUTCString()),
  fc
    .date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
    .map(
      (d) =>
        `${HTTP_DAYS[d.getUTCDay()]} ${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2, " ")} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`,
    ),
  fc.constantFrom("-5", "+5", "1,5", "abc", "1e12", "1.5", " 3", "0x10", "Infinity", "NaN", "", "5 s", "-0"),
  fc.integer().map(String),
  fc.double().map(String),
  printable,
);

/** An X-RateLimit-Reset value: epoch seconds near the clock, in ms, negative, garbage. */
export const rateLimitReset = (now: number) =>
  fc.oneof(
    fc.integer({ min: -120, max: 3600 }).map((s) => String(Math.floor(now / 1000) + s)),
    fc.integer({ min: 0, max: 3_600_000 }).map((ms) => String(now + ms)),
    fc.double().map(String),
    printable,
  );
