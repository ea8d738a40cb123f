// Step 1 of the call path (see src/call/README.md). What the generated table says of an operation named by a string a caller or a
// request carries: an own-key lookup (the table has no prototype), undefined for
// any name that is not an operation.
import { type OperationInfo, operations } from "../generated/operations.js";

/** The operation `id`, or undefined when `id` names none (`"toString"`, a typo, a path-style call it cannot name). */
export function operationInfo(id: string | undefined): OperationInfo | undefined {
  return id === undefined
    ? undefined
    : (operations as unknown as Readonly<Record<string, OperationInfo | undefined>>)[id];
}
