// openapi-typescript writes `parameters: { query?: never; header?: never; path?: never;
// cookie?: never }` for every path and every operation without parameters: 19 syntax
// nodes each, at 20× today's spec 1,740 copies, which every app's compiler parses and
// binds even with skipLibCheck (issue 22, bench/scale.mjs). This pass, run on the syntax
// tree openapi-typescript returns, writes each copy as a reference to one alias,
// `NoParameters`, declared once at the end of src/generated/openapi.ts. The type is the
// same structurally (an alias is transparent): `operations["x"]["parameters"]["path"]`
// is still `undefined`, openapi-fetch still finds no parameter to require.

import ts from "typescript";

/** The alias every parameter-less `parameters` object becomes. */
export const NO_PARAMETERS = "NoParameters";

const SLOTS = ["query", "header", "path", "cookie"];

/** True for exactly `{ query?: never; header?: never; path?: never; cookie?: never }` (in that order). */
function isEmptyParameters(node) {
  if (!ts.isTypeLiteralNode(node) || node.members.length !== SLOTS.length) return false;
  return node.members.every(
    (m, i) =>
      ts.isPropertySignature(m) &&
      ts.isIdentifier(m.name) &&
      m.name.text === SLOTS[i] &&
      m.questionToken !== undefined &&
      m.type?.kind === ts.SyntaxKind.NeverKeyword &&
      !m.modifiers?.length,
  );
}

/**
 * `nodes` (openapi-typescript's top-level declarations) with every `parameters` member
 * whose type is the empty parameters object written as `NoParameters`, and the alias
 * declared after them; `nodes` unchanged when there is none.
 */
export function shareEmptyParameters(nodes) {
  let shared = 0;
  const visit = (node) => {
    if (
      ts.isPropertySignature(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === "parameters" &&
      node.type &&
      isEmptyParameters(node.type)
    ) {
      shared++;
      return ts.factory.updatePropertySignature(
        node,
        node.modifiers,
        node.name,
        node.questionToken,
        ts.factory.createTypeReferenceNode(NO_PARAMETERS),
      );
    }
    return ts.visitEachChild(node, visit, undefined);
  };
  const out = nodes.map((n) => visit(n));
  if (!shared) return nodes;
  const never = (name) =>
    ts.factory.createPropertySignature(
      undefined,
      name,
      ts.factory.createToken(ts.SyntaxKind.QuestionToken),
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
    );
  const alias = ts.factory.createTypeAliasDeclaration(
    [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)],
    NO_PARAMETERS,
    undefined,
    ts.factory.createTypeLiteralNode(SLOTS.map(never)),
  );
  ts.addSyntheticLeadingComment(
    alias,
    ts.SyntaxKind.MultiLineCommentTrivia,
    "* The `parameters` of a path or operation that has none (written once: scripts/lib/empty-parameters.mjs). ",
    true,
  );
  return [...out, alias];
}
