// mockAnswer's choices are typed from the spec: only documented statuses and the
// named examples of that status compile. Checked against openapi-typescript's own
// reading of the spec (src/generated/openapi.ts), not against today's list, so that
// an upstream update (a new status on sendSms, a new named example) needs no edit here.
import { expectTypeOf, it } from "vitest";
import type { operations } from "../../src/generated/openapi.js";
import { type MockExample, type MockStatus, mockAnswer } from "../../src/testing/index.js";

/** The statuses the spec documents for `Op`, as openapi-typescript reads them. */
type SpecStatus<Op extends keyof operations> = keyof operations[Op]["responses"] & number;
/** The statuses of `Op` whose answers have no named example. */
type WithoutExample<Op extends keyof operations & Parameters<typeof mockAnswer>[0]> = {
  [S in MockStatus<Op>]: [MockExample<Op, S>] extends [never] ? S : never;
}[MockStatus<Op>];

it("accepts documented statuses and their named examples only", () => {
  mockAnswer("sendSms", { status: 402, example: "message_undeliverable" });
  mockAnswer("sendWhatsAppMessage", { status: 403 });
  mockAnswer("listWebhooks", { status: 429, example: "rate_limit_exceeded" });
  // @ts-expect-error -- no operation documents 418
  mockAnswer("sendSms", { status: 418 });
  // @ts-expect-error -- not a named example of sendSms's 402
  mockAnswer("sendSms", { status: 402, example: "no_such_example" });
  // @ts-expect-error -- a status without named examples takes none
  mockAnswer("sendSms", { status: 0 as WithoutExample<"sendSms">, example: "message_undeliverable" });
  // @ts-expect-error -- not an operation of the spec
  mockAnswer("sendFax", { status: 200 });
  expectTypeOf<MockStatus<"sendSms">>().toEqualTypeOf<SpecStatus<"sendSms">>();
  expectTypeOf<MockStatus<"sendWhatsAppTemplate">>().toEqualTypeOf<SpecStatus<"sendWhatsAppTemplate">>();
  expectTypeOf<"message_undeliverable">().toExtend<MockExample<"sendSms", 402>>();
  // A status without examples exists today (the check above would otherwise test nothing).
  expectTypeOf<WithoutExample<"sendSms">>().not.toBeNever();
});
