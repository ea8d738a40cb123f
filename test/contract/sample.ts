// The contract suite builds its requests from the same samples as the generated
// `@example` of every method (scripts/lib/sample.mjs), so the examples a user reads
// are the requests the mock accepted.
export { sample } from "../../scripts/lib/sample.mjs";
