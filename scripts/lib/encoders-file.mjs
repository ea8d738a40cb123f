// src/generated/encoders.ts: which encoders of src/body-encoders.ts the spec's operations
// need — `body` when some request body is not JSON, `params` when some operation has
// header or cookie parameters. Only those are imported, so an app bundles the form,
// binary and header encoding only for a spec that has such an operation (the client
// reaches them through src/body-encoding.ts).
import { deref, describeOperations, eachOperation } from "./spec.mjs";

/** Which encoders the spec needs: `{ body, params }`, each true or false. */
export function neededEncoders(spec) {
  const body = describeOperations(spec).some((op) => op.bodyType !== undefined);
  const params = [...eachOperation(spec)].some(({ op, pathItem }) =>
    [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].some((p) => {
      const where = deref(spec, p)?.in;
      return where === "header" || where === "cookie";
    }),
  );
  return { body, params };
}

/** src/generated/encoders.ts; `header` is generate.mjs's "do not edit" banner. */
export function encodersFile(spec, header) {
  const { body, params } = neededEncoders(spec);
  const names = [body && "encodeBody", params && "headerParams"].filter(Boolean);
  const imports = names.length
    ? `import { type BodyEncoders, ${names.join(", ")} } from "../body-encoders.js";`
    : `import type { BodyEncoders } from "../body-encoders.js";`;
  const why = [
    body ? "some request bodies are not JSON" : "every request body is JSON",
    params ? "some operations have header or cookie parameters" : "no operation has header or cookie parameters",
  ].join("; ");
  const fields = [body && "body: encodeBody", params && "params: headerParams"].filter(Boolean);
  return `${header("The encoders of src/body-encoders.ts that the spec's operations need, and only those.")}${imports}

/** The encoders this spec needs (${why}). */
export const encoders: BodyEncoders = {${fields.length ? ` ${fields.join(", ")} ` : ""}};
`;
}
