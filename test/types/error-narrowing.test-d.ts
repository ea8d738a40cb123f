// `instanceof InvalidRequestError` also holds for a ChirpValidationError (the SDK's own
// check, nothing sent), so the type it narrows to must be what can be there at run
// time (issue 21.4): `status`, `method` and `path` may be undefined; `headers` and
// `rawBody` are always there. A handler written against these types cannot crash
// (test/client/validation-error-shape.test.ts runs one).
import { describe, expectTypeOf, it } from "vitest";
import {
  ChirpApiError,
  type ChirpValidationError,
  InvalidRequestError,
  TemplateNotFoundError,
} from "../../src/index.js";

declare const caught: unknown;

describe("instanceof InvalidRequestError", () => {
  it("narrows to InvalidRequestError | ChirpValidationError", () => {
    if (caught instanceof InvalidRequestError) {
      expectTypeOf(caught).toEqualTypeOf<InvalidRequestError | ChirpValidationError>();
      expectTypeOf(caught.status).toEqualTypeOf<number | undefined>();
      expectTypeOf(caught.method).toEqualTypeOf<string | undefined>();
      expectTypeOf(caught.path).toEqualTypeOf<string | undefined>();
      // Always there, on both: a handler may read them without a check.
      expectTypeOf(caught.headers).toEqualTypeOf<Headers>();
      expectTypeOf(caught.rawBody).toEqualTypeOf<string>();
      expectTypeOf(caught.param).toEqualTypeOf<string | undefined>();
      expectTypeOf(caught.serverMessage).toEqualTypeOf<string | undefined>();
      // @ts-expect-error — status may be undefined (a ChirpValidationError was never sent)
      caught.status.toFixed();
      // @ts-expect-error — so may method
      caught.method.toLowerCase();
    }
  });

  it("a server's answer is told apart by ChirpApiError or by status", () => {
    if (caught instanceof InvalidRequestError && caught instanceof ChirpApiError) {
      expectTypeOf(caught.status).toEqualTypeOf<number>();
    }
    if (caught instanceof InvalidRequestError && caught.status !== undefined) {
      expectTypeOf(caught.status).toEqualTypeOf<number>();
    }
  });

  it("a code class still narrows to its own code", () => {
    if (caught instanceof TemplateNotFoundError) {
      expectTypeOf(caught.code).toEqualTypeOf<"template_not_found">();
      expectTypeOf(caught.status).toEqualTypeOf<number>();
    }
  });

  it("ChirpValidationError declares every field of ChirpApiError", () => {
    expectTypeOf<Exclude<keyof ChirpApiError, keyof ChirpValidationError>>().toEqualTypeOf<never>();
  });
});
