// The naming rule (scripts/lib/naming.mjs, CONTRIBUTING.md "The naming rule"): how
// operationIds become methods and types, error codes become classes, and which names
// are refused — by name, before anything is written.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { codeErrorName } from "../../src/errors/code-error.js";
import { root } from "./workspace.js";

const naming = (await import(pathToFileURL(join(root, "scripts/lib/naming.mjs")).href)) as {
  methodName(id: string): string | undefined;
  typeName(method: string): string;
  errorClassName(code: string): string;
  methodNames(ops: { operationId: string; method: string; path: string }[]): Map<string, string>;
};

const op = (operationId: string, path = `/v1/${operationId}`) => ({ operationId, method: "post", path });

describe("the naming rule", () => {
  it("keeps identifiers and camelCases every other operationId", () => {
    expect(naming.methodName("sendSms")).toBe("sendSms");
    expect(naming.methodName("send-sms-v2")).toBe("sendSmsV2");
    expect(naming.methodName("messages.get")).toBe("messagesGet");
    expect(naming.methodName("list_numbers")).toBe("listNumbers");
    expect(naming.methodName("GetThing")).toBe("getThing");
    expect(naming.methodName("2fa-check")).toBeUndefined();
    expect(naming.methodName("--")).toBeUndefined();
    expect(naming.typeName("sendSmsV2")).toBe("SendSmsV2");
  });

  it("refuses collisions, reserved and unusable names, naming the operations and what to do", () => {
    expect(() => naming.methodNames([op("sendSms", "/v1/sms"), op("send-sms", "/v1/sms-again")])).toThrow(
      /operationIds "sendSms" and "send-sms" → one method sendSms \(POST \/v1\/sms and POST \/v1\/sms-again\): .*rename/,
    );
    for (const id of ["request", "paginate", "then", "constructor", "to-string", "has-own-property"]) {
      expect(() => naming.methodNames([op(id)]), id).toThrow(/is a member every Chirp client already has/);
    }
    expect(() => naming.methodNames([op("__proto__")])).toThrow(
      /operationId "__proto__" .*rename the operation upstream/,
    );
    expect(() => naming.methodNames([op("2fa")])).toThrow(
      /operationId "2fa" \(POST \/v1\/2fa\): it gives no method name/,
    );
    expect([...naming.methodNames([op("a.b"), op("c")])]).toEqual([
      ["a.b", "aB"],
      ["c", "c"],
    ]);
  });

  it("names error classes of any spelling, the same at generation and at run time", () => {
    const cases = {
      template_not_found: "TemplateNotFoundError",
      meta_api_error: "MetaApiError",
      "quota-exceeded": "QuotaExceededError",
      constructor: "ConstructorError",
      __proto__: "ProtoError",
      toString: "ToStringError",
      "2fa_required": "Code2faRequiredError",
      error: "ErrorError",
    };
    for (const [code, name] of Object.entries(cases)) {
      expect(naming.errorClassName(code), code).toBe(name);
      expect(codeErrorName(code), code).toBe(name);
    }
  });
});
