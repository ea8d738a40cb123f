// mockAnswer's choices are typed from the spec: only documented statuses and the
// named examples of that status compile.
import { expectTypeOf, it } from "vitest";
import { type MockExample, type MockStatus, mockAnswer } from "../../src/testing/index.js";

it("accepts documented statuses and their named examples only", () => {
  mockAnswer("sendSms", { status: 402, example: "message_undeliverable" });
  mockAnswer("sendWhatsAppMessage", { status: 403 });
  mockAnswer("listWebhooks", { status: 429, example: "rate_limit_exceeded" });
  // @ts-expect-error -- sendSms documents no 403
  mockAnswer("sendSms", { status: 403 });
  // @ts-expect-error -- 402 of sendSms has one named example, and it is not this one
  mockAnswer("sendSms", { status: 402, example: "invalid_phone_number" });
  // @ts-expect-error -- 424 has no named example at all
  mockAnswer("sendSms", { status: 424, example: "message_undeliverable" });
  // @ts-expect-error -- not an operation of the spec
  mockAnswer("sendFax", { status: 200 });
  expectTypeOf<MockStatus<"sendSms">>().toEqualTypeOf<200 | 400 | 401 | 402 | 404 | 424 | 429 | 500>();
  expectTypeOf<MockExample<"sendSms", 402>>().toEqualTypeOf<"message_undeliverable">();
  expectTypeOf<MockExample<"sendSms", 424>>().toEqualTypeOf<never>();
});
