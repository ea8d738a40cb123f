// The generated `ListOperationId` union (src/generated/methods.ts, spelled out so that an
// app's compiler need not map over the whole operation table) names exactly the
// operations whose table entry has a `list` shape: the two are generated from one
// reading of the spec (describeOperations), and this holds them together.
import { expectTypeOf, it } from "vitest";
import type { OperationId, OperationTable } from "../../src/generated/operations.js";
import type { ListOperationId } from "../../src/index.js";

/** The list operations as the operation table says: every id whose entry has `list`. */
type FromTable = { [K in OperationId]: OperationTable[K] extends { list: object } ? K : never }[OperationId];

/**
 * "same" when A and B are assignable both ways. The unions are compared by TypeScript's
 * assignability and the verdict handed to expect-type as a literal: expect-type's own
 * equality of two unions this size is quadratic (4.4 s of the project's type-check at 20×
 * today's spec, bench/scale-project.mjs).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? "same" : "different") : "different";

it("ListOperationId is the operation table's list operations, no more and no fewer", () => {
  expectTypeOf<Same<ListOperationId, FromTable>>().toEqualTypeOf<"same">();
  // Not vacuous: the spec has list operations, and not every operation is one.
  expectTypeOf<[FromTable] extends [never] ? "none" : "some">().toEqualTypeOf<"some">();
  expectTypeOf<Same<OperationId, FromTable>>().toEqualTypeOf<"different">();
});
