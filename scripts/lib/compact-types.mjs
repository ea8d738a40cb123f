// Passes over the syntax tree openapi-typescript returns for src/generated/openapi.ts
// that write the same types in fewer syntax nodes. Every app's compiler parses and binds
// all of openapi.ts's declarations, even with skipLibCheck, so their node count is what a
// larger spec costs an app (issue 22, bench/scale.mjs). Each pass keeps the types
// structurally identical (an alias is transparent) and keeps every comment.
//
// - `parameters: { query?: never; header?: never; path?: never; cookie?: never }`, which
//   openapi-typescript writes for every path and operation without parameters (19 nodes;
//   1,740 copies at 20x today's spec), becomes `parameters: NoParameters`, declared once.
// - A status written as a reference to a shared response, `components["responses"]["ApiError"]`
//   (7 nodes: scripts/lib/shared-responses.mjs makes most error statuses one), becomes
//   `ApiErrorResponse` (2 nodes), declared once as that reference.

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
      return retyped(node, NO_PARAMETERS);
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
    "* The `parameters` of a path or operation that has none (written once: scripts/lib/compact-types.mjs). ",
    true,
  );
  return [...out, alias];
}

/** `components["responses"]["<name>"]`'s name, or undefined for any other type. */
function responseRefName(type) {
  if (!type || !ts.isIndexedAccessTypeNode(type)) return undefined;
  const inner = type.objectType;
  const literal = (t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined);
  if (!ts.isIndexedAccessTypeNode(inner) || literal(inner.indexType) !== "responses") return undefined;
  if (!ts.isTypeReferenceNode(inner.objectType) || !ts.isIdentifier(inner.objectType.typeName)) return undefined;
  if (inner.objectType.typeName.text !== "components") return undefined;
  return literal(type.indexType);
}

/** The names `nodes` declare at the top level (`paths`, `components`, `NoParameters`, …). */
function topLevelNames(nodes) {
  return new Set(nodes.flatMap((n) => (n.name && ts.isIdentifier(n.name) ? [n.name.text] : [])));
}

/**
 * `nodes` with every property whose type is `components["responses"]["X"]` (a status of an
 * operation) written as the alias `XResponse`, declared after them as that reference. A
 * name that is no identifier, or whose alias would clash with a declared name, is left
 * as openapi-typescript wrote it.
 */
export function aliasResponseRefs(nodes) {
  const taken = topLevelNames(nodes);
  const aliases = new Map();
  const aliasOf = (name) => {
    if (aliases.has(name)) return aliases.get(name);
    const alias = `${name}Response`;
    const ok = /^[A-Za-z_$][\w$]*$/.test(alias) && !taken.has(alias);
    if (ok) taken.add(alias);
    aliases.set(name, ok ? alias : undefined);
    return aliases.get(name);
  };
  const visit = (node) => {
    if (ts.isPropertySignature(node) && node.type) {
      const name = responseRefName(node.type);
      const alias = name === undefined ? undefined : aliasOf(name);
      if (alias) return retyped(node, alias);
    }
    return ts.visitEachChild(node, visit, undefined);
  };
  // The components interface keeps its declarations as they are: only the uses are aliased.
  const out = nodes.map((n) => (n.name?.text === "components" ? n : visit(n)));
  const declared = [...aliases].flatMap(([name, alias]) => {
    if (!alias) return [];
    const ref = ts.factory.createIndexedAccessTypeNode(
      ts.factory.createIndexedAccessTypeNode(
        ts.factory.createTypeReferenceNode("components"),
        ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral("responses")),
      ),
      ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(name)),
    );
    const decl = ts.factory.createTypeAliasDeclaration(
      [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)],
      alias,
      undefined,
      ref,
    );
    ts.addSyntheticLeadingComment(
      decl,
      ts.SyntaxKind.MultiLineCommentTrivia,
      `* The shared response \`${name}\`, as the operations' statuses name it (scripts/lib/compact-types.mjs). `,
      true,
    );
    return [decl];
  });
  return [...out, ...declared];
}

/** Every pass of this module, in order: what src/generated/openapi.ts is printed from. */
export function compactTypes(nodes) {
  return aliasResponseRefs(shareEmptyParameters(nodes));
}

/**
 * True when `typesText` (src/generated/openapi.ts) declares the `NoParameters` alias: the
 * API reference then lists it as a helper type shown by name (scripts/docs.mjs). (The
 * response aliases are never reached from the reference's pages.)
 */
export function declaresNoParameters(typesText) {
  return typesText.includes(`\nexport type ${NO_PARAMETERS} = {`);
}

/** The property signature `node` with its type replaced by a reference to the alias `name`. */
function retyped(node, name) {
  return ts.factory.updatePropertySignature(
    node,
    node.modifiers,
    node.name,
    node.questionToken,
    ts.factory.createTypeReferenceNode(name),
  );
}
