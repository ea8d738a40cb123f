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
type ParamsMismatches = { [K in OperationId]: Same<ParamsByOperation[K], OperationParams<K>> }[OperationId];
type ResultMismatches = { [K in OperationId]: Same<ResultByOperation[K], OperationResult<K>> }[OperationId];
/** "every operation" when every comparison is `true`, "a mismatch" when one is not. */
type Verdict<M> = [M] extends [true] ? "every operation" : "a mismatch";

describe("named types", () => {
  it("cover every operation", () => {
    // Compared as a literal verdict too: expect-type's own equality of two 1,520-member
    // unions (a 20× spec) took 65 s and 1.2 GB; mutual assignability is the same question.
    expectTypeOf<Verdict<Same<keyof ParamsByOperation, OperationId>>>().toEqualTypeOf<"every operation">();
    expectTypeOf<Verdict<Same<keyof ResultByOperation, OperationId>>>().toEqualTypeOf<"every operation">();
  });

  it("params and results equal the generic forms for every operation", () => {
    // The verdict is folded to a literal before expect-type sees it (issue 22's scale
    // goal, bench/scale.mjs: 1,520 operations at 20× today's spec).
    expectTypeOf<Verdict<ParamsMismatches>>().toEqualTypeOf<"every operation">();
    expectTypeOf<Verdict<ResultMismatches>>().toEqualTypeOf<"every operation">();
  });

  it("are what the methods take and give", () => {
    expectTypeOf<SendSmsParams>().toExtend<OperationParams<"sendSms">>();
    expectTypeOf<SendSmsResult["status"]>().toEqualTypeOf<OperationResult<"sendSms">["status"]>();
    // @ts-expect-error: one operation's params are not another's
    expectTypeOf<SendSmsParams>().toExtend<OperationParams<"getWhatsAppBusinessProfile">>();
  });
});
