// The generated `ListOperationId` union (src/generated/methods.ts, spelled out so that an
// app's compiler need not map over the whole operation table) names exactly the
// operations whose table entry has a `list` shape: the two are generated from one
// reading of the spec (describeOperations), and this holds them together.
import { expectTypeOf, it } from "vitest";
import type { OperationId, OperationTable } from "../../src/generated/operations.js";
import type { ListOperationId } from "../../src/index.js";

/** The list operations as the operation table says: every id whose entry has `list`. */
type FromTable = { [K in OperationId]: OperationTable[K] extends { list: object } ? K : never }[OperationId];

it("ListOperationId is the operation table's list operations, no more and no fewer", () => {
  expectTypeOf<ListOperationId>().toEqualTypeOf<FromTable>();
  // Not vacuous: the spec has list operations, and not every operation is one.
  expectTypeOf<FromTable>().not.toBeNever();
  expectTypeOf<OperationId>().not.toEqualTypeOf<FromTable>();
});
