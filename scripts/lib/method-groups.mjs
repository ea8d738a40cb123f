// Which group of the API reference each operation method is listed under, read from
// the spec's tags. scripts/lib/methods.mjs writes the group into each method's JSDoc
// (`@category`), and scripts/docs.mjs orders the groups and describes them from here,
// so that both read one rule.
//
// The rule (CONTRIBUTING.md, "Reference groups"): an operation tagged more than once is
// listed under its MOST SPECIFIC tag, the one the fewest operations carry; a tie goes to
// the tag the spec lists first. Chirp tags every operation twice, with the key it needs
// (`App`, `Admin`: 38 operations each) and with what it acts on (`SMS`, `Calls`,
// `WhatsApp Templates`, …: 1 to 11 each). A reader looks for what they want to do
// ("send a WhatsApp template"), not for the key, which each method's documentation
// states anyway. Counting, rather than naming `App` and `Admin`, keeps the rule true
// when the spec adds a tag. An operation without tags gets no group (TypeDoc lists it
// under its default category).
import { eachOperation } from "./spec.mjs";

/** The spec's tags in its order (`tags`), then any tag only an operation names, in first-use order. */
export function specTags(spec) {
  const names = (spec.tags ?? []).map((t) => t.name);
  for (const { op } of eachOperation(spec)) for (const t of op.tags ?? []) if (!names.includes(t)) names.push(t);
  const described = new Map((spec.tags ?? []).map((t) => [t.name, t.description?.trim() || undefined]));
  return names.map((name) => ({ name, description: described.get(name) }));
}

/**
 * `operationId → group name` for every operation that has a tag (see the rule above).
 * @returns {Map<string, string>}
 */
export function methodGroups(spec) {
  const order = specTags(spec).map((t) => t.name);
  const count = new Map();
  for (const { op } of eachOperation(spec))
    for (const t of new Set(op.tags ?? [])) count.set(t, (count.get(t) ?? 0) + 1);
  const groups = new Map();
  for (const { op } of eachOperation(spec)) {
    const tags = [...new Set(op.tags ?? [])];
    if (!tags.length) continue;
    tags.sort((a, b) => count.get(a) - count.get(b) || order.indexOf(a) - order.indexOf(b));
    groups.set(op.operationId, tags[0]);
  }
  return groups;
}

/**
 * `jsdoc` (an indented `/** … *\/` block) with its method's `@category` line added last,
 * or unchanged for an operation without a group.
 */
export function withGroup(jsdoc, groups, operationId) {
  const group = groups.get(operationId);
  if (!group) return jsdoc;
  const end = jsdoc.lastIndexOf("\n");
  // The closing line is `<indent>*/`: the new line lines up its `*` with it.
  const indent = jsdoc.slice(end + 1).match(/^\s*/)[0];
  // A tag name is one line; `*/` in it would end the comment.
  const name = group.replace(/\s+/g, " ").replaceAll("*/", "*\\/");
  return `${jsdoc.slice(0, end)}\n${indent}* @category ${name}${jsdoc.slice(end)}`;
}
