// The name of each code's class is computed at run time (src/errors/code-error.ts)
// by the rule the generator names the exports with (scripts/lib/spec.mjs): the two
// must agree for every code, or `error.name` would differ from the class you import.
import { describe, expect, it } from "vitest";
import { codeErrorName } from "../../src/errors/code-error.js";
import * as sdk from "../../src/index.js";
import { specFacts } from "../spec-facts.js";

const { errorClassName } = (await import(new URL("../../scripts/lib/spec.mjs", import.meta.url).href)) as {
  errorClassName: (code: string) => string;
};

describe("error class names", () => {
  it("every exported code class is named, at run time, what it is exported as", () => {
    expect(sdk.errorCodes).toEqual(specFacts().errorCodes);
    for (const code of sdk.errorCodes) {
      const exported = errorClassName(code);
      const Class = (sdk as unknown as Record<string, { name: string; code: string }>)[exported];
      expect(Class, exported).toBeDefined();
      expect(Class?.code).toBe(code);
      expect(Class?.name).toBe(exported);
      expect(codeErrorName(code)).toBe(exported);
      expect(sdk.errorClassByCode[code]).toBe(Class);
    }
  });

  it("does not double a final _error, and capitalises every word", () => {
    expect(codeErrorName("telnyx_api_error")).toBe("TelnyxApiError");
    expect(codeErrorName("template_not_found")).toBe("TemplateNotFoundError");
    expect(codeErrorName("whatsapp_rate_limited")).toBe("WhatsappRateLimitedError");
    // a code that is only "error" keeps it
    expect(codeErrorName("error")).toBe("ErrorError");
  });
});
