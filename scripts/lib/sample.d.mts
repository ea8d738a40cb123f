/** A sample value that `schema` (a JSON Schema node with its $refs inlined) accepts. */
export function sample(schema: Record<string, unknown>): unknown;
