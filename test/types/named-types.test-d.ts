// The generated named types (`SendSmsParams`, `SendSmsResult`, …) are the generic
// `OperationParams<K>` / `OperationResult<K>` under a name, for every operation:
// assignable both ways, so either can be used wherever the other is expected.
import { describe, expectTypeOf, it } from "vitest";
import type {
  OperationId,
  OperationParams,
  OperationResult,
  ParamsByOperation,
  ResultByOperation,
  SendSmsParams,
  SendSmsResult,
} from "../../src/index.js";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mismatches<T> = {
  [K in OperationId]: T extends "params"
    ? Same<ParamsByOperation[K], OperationParams<K>>
    : Same<ResultByOperation[K], OperationResult<K>>;
}[OperationId];

describe("named types", () => {
  it("cover every operation", () => {
    expectTypeOf<keyof ParamsByOperation>().toEqualTypeOf<OperationId>();
    expectTypeOf<keyof ResultByOperation>().toEqualTypeOf<OperationId>();
  });

  it("params and results equal the generic forms for every operation", () => {
    expectTypeOf<Mismatches<"params">>().toEqualTypeOf<true>();
    expectTypeOf<Mismatches<"result">>().toEqualTypeOf<true>();
  });

  it("are what the methods take and give", () => {
    expectTypeOf<SendSmsParams>().toExtend<OperationParams<"sendSms">>();
    expectTypeOf<SendSmsResult["status"]>().toEqualTypeOf<OperationResult<"sendSms">["status"]>();
    // @ts-expect-error: one operation's params are not another's
    expectTypeOf<SendSmsParams>().toExtend<OperationParams<"getWhatsAppBusinessProfile">>();
  });
});
