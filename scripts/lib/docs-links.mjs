// Link texts in the API reference read as the name a user types: `MessageUndeliverableError`,
// `chirp.sendSms`, never `"chirp-sdk".MessageUndeliverableError:var`.
//
// Why they did not: TypeDoc's `preserveLinkText` (on by default) prints a `{@link …}` as
// written, and the generated pages link by declaration reference (`"chirp-sdk".X:var`
// names the class value of an error code, not its type). scripts/docs.mjs turns
// `preserveLinkText` off, so a link reads as its target's name unless it gives its own
// text (`{@link X | text}`), and `readableLinks` adds one rule: an operation method is
// linked as `chirp.<name>` on the `Chirp` page (the generated base class
// `ChirpOperations` declares the methods; readers call them on a client).
import { Models, ReflectionKind } from "typedoc";
import { chirpClass } from "./docs-groups.mjs";

const LINK_TAGS = new Set(["@link", "@linkcode", "@linkplain"]);

/** Every list of comment parts of `project` a link can be in (comments, block tags, READMEs, documents). */
function* partLists(project) {
  if (project.readme) yield project.readme;
  for (const reflection of Object.values(project.reflections)) {
    if (reflection.comment) {
      yield reflection.comment.summary;
      for (const tag of reflection.comment.blockTags) yield tag.content;
    }
    if (reflection.readme) yield reflection.readme;
    if (reflection.isDocument?.()) yield reflection.content;
  }
}

/** Every resolved `{@link}` part of `project`. */
export function* linkParts(project) {
  for (const parts of partLists(project)) {
    for (const part of parts) if (part.kind === "inline-tag" && LINK_TAGS.has(part.tag)) yield part;
  }
}

/** Links to an operation method go to `Chirp`'s member and read `chirp.<name>` (unless they give their own text). */
export function readableLinks(project) {
  const chirp = chirpClass(project);
  if (!chirp) throw new Error("docs: no class Chirp in module chirp-sdk");
  const operations = project
    .getReflectionsByKind(ReflectionKind.Class | ReflectionKind.Interface)
    .filter((r) => r.name === "ChirpOperations");
  for (const part of linkParts(project)) {
    const target = part.target;
    if (!(target instanceof Models.Reflection) || !target.kindOf(ReflectionKind.Method)) continue;
    if (target.parent !== chirp && !operations.includes(target.parent)) continue;
    const member = chirp.getChildByName([target.name]) ?? target;
    part.target = member;
    if (part.text === target.name) part.text = `chirp.${target.name}`;
  }
}

/** A declaration reference's meaning keywords (TypeDoc's `X:var`, `X:class`, …). */
export const MEANING =
  /:(class|interface|type|enum|namespace|function|var|constructor|member|event|call|new|index|complex|getter|setter)\b/;

/** Link texts that still read as a declaration reference: a quoted module name or a `:kind` suffix. */
export function unreadableLinkTexts(project) {
  return [...linkParts(project)]
    .map((p) => p.text)
    .filter((text) => /^["']|\.?["'][\w@/-]+["']\./.test(text) || MEANING.test(text));
}
