// The sandbox's catalogue, unpacked: the generated file stores each distinct answer once
// (src/generated/sandbox-catalogue.ts); the sandbox reads operations with their answers.
import { packedSandboxCatalogue } from "../../generated/sandbox-catalogue.js";
import type { CatalogueOperation, SandboxCatalogue } from "./catalogue-types.js";

const { answers, docUrlBase } = packedSandboxCatalogue;

/** Every operation of the spec as the sandbox plays it (shared answers are shared objects: read-only). */
export const sandboxCatalogue: SandboxCatalogue = {
  docUrlBase,
  operations: Object.fromEntries(
    Object.entries(packedSandboxCatalogue.operations).map(([id, op]): [string, CatalogueOperation] => [
      id,
      { ...op, responses: Object.fromEntries(Object.entries(op.responses).map(([s, i]) => [s, answers[i]!])) },
    ]),
  ),
};
