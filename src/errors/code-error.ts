// The class of each documented error code is made here, from its code, by the
// generated src/generated/errors.ts: 44 near-identical class bodies would cost a
// browser bundle about a kilobyte for nothing.
import { type ApiErrorInit, ChirpApiError } from "./api-error.js";

/** An API error whose `code` is `C` (e.g. `TemplateNotFoundError` is `CodeError<"template_not_found">`). */
export interface CodeError<C extends string> extends ChirpApiError {
  readonly code: C;
}

/** The class of the API errors with code `C`: use it with `instanceof`. */
export interface CodeErrorClass<C extends string> {
  new (init: ApiErrorInit): CodeError<C>;
  readonly prototype: CodeError<C>;
  /** The code this class stands for. */
  readonly code: C;
}

// Every class made so far, by code: one class per code, whichever asks first — an export
// of src/generated/errors.ts, errorClassByCode or errorFromResponse (documented codes only).
const made: Record<string, CodeErrorClass<string>> = Object.create(null);

/**
 * The class of error code `code`, made on first use and the same object ever after (so
 * `TemplateNotFoundError` is `errorClassByCode.template_not_found`). The generated exports
 * and the code → class map both come from here, so that a bundle names each code once and
 * holds only the exports it imports.
 */
export function codeErrorClass<C extends string>(code: C): CodeErrorClass<C> {
  made[code] ??= defineCodeError(code);
  return made[code] as CodeErrorClass<C>;
}

/** The class of each of `codes`, in a null-prototype object (a lookup by any string is an own-key lookup). */
export function indexByCode(codes: readonly string[]): Readonly<Record<string, CodeErrorClass<string>>> {
  const byCode: Record<string, CodeErrorClass<string>> = Object.create(null);
  for (const code of codes) byCode[code] = codeErrorClass(code);
  return byCode;
}

/**
 * The class name of error code `code`: its words (runs of letters and digits) with
 * their first letters capitalised, then `Error`, without doubling a final `error` word
 * (`template_not_found` → `TemplateNotFoundError`, `quota-exceeded` →
 * `QuotaExceededError`, `meta_api_error` → `MetaApiError`); `Code` in front of one
 * that starts with a digit. The generator names the exports by the same rule
 * (scripts/lib/naming.mjs `errorClassName`), and a test holds the two together;
 * computing it here keeps 44 names out of every bundle.
 */
export function codeErrorName(code: string): string {
  const words = code.match(/[A-Za-z0-9]+/g) ?? [];
  if (words.length > 1 && words.at(-1)?.toLowerCase() === "error") words.pop();
  const stem = words.map((s) => s[0]?.toUpperCase() + s.slice(1)).join("");
  return `${/^[0-9]/.test(stem) ? "Code" : ""}${stem}Error`;
}

/**
 * Makes the class for error code `code`, named by `codeErrorName` (the name shows in
 * stacks and `error.name`). It extends `ChirpApiError`; its family
 * (`InvalidRequestError`, …) is the one the response's type or status gives, see
 * src/errors/families.ts.
 */
export function defineCodeError<C extends string>(code: C): CodeErrorClass<C> {
  const name = codeErrorName(code);
  const classes = {
    [name]: class extends ChirpApiError {
      static readonly code = code;
      override readonly name: string = name;
    },
  };
  return classes[name] as unknown as CodeErrorClass<C>;
}
