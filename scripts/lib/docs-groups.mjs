// The `Chirp` page of the API reference, grouped by what the API does: the generator
// puts each operation method in its spec tag (`@category`, scripts/lib/method-groups.mjs);
// this puts the groups in the spec's tag order, gives each the spec's description of its
// tag, and lists them in the sidebar under `Chirp` (TypeDoc lists a class's members only
// on its page, not in the navigation tree).
import { DefaultTheme, Models, ReflectionKind } from "typedoc";
import { methodGroups, specTags } from "./method-groups.mjs";

/** Where the client's own members go (constructor, `request`, `paginate`, …): first, before the API's groups. */
export const CLIENT_GROUP = "Client";

/** TypeDoc's `categoryOrder`: the client's own members, then the spec's tags in its order. */
export function groupOrder(spec) {
  return [CLIENT_GROUP, ...specTags(spec).map((t) => t.name), "*"];
}

/** The `Chirp` class of the `chirp-sdk` module. */
export function chirpClass(project) {
  return project
    .getReflectionsByKind(ReflectionKind.Class)
    .find((r) => r.name === "Chirp" && r.parent?.name === "chirp-sdk");
}

/**
 * `@categoryDescription` tags on `Chirp` for every spec tag that has a description and
 * at least one method in it (TypeDoc warns, and the build fails, on a description of an
 * empty group). Called before TypeDoc categorizes (Converter.EVENT_RESOLVE_BEGIN).
 */
export function describeGroups(project, spec) {
  const chirp = chirpClass(project);
  if (!chirp) throw new Error("docs: no class Chirp in module chirp-sdk");
  const used = new Set(methodGroups(spec).values());
  chirp.comment ??= new Models.Comment();
  for (const { name, description } of specTags(spec)) {
    if (!description || !used.has(name)) continue;
    chirp.comment.blockTags.push(
      new Models.CommentTag("@categoryDescription", [{ kind: "text", text: `${name}\n${description}` }]),
    );
  }
}

/** The default theme, with `Chirp`'s groups (and their methods) as its children in the sidebar. */
export class GroupedTheme extends DefaultTheme {
  buildNavigation(project) {
    const nav = super.buildNavigation(project);
    const chirp = chirpClass(project);
    const path = chirp && this.router.getFullUrl(chirp);
    const node = path && findNode(nav, path);
    if (!node || !chirp.categories) return nav;
    node.children = chirp.categories.map((category) => ({
      text: category.title,
      children: category.children.map((member) => ({
        text: member.name,
        path: this.router.getFullUrl(member),
        kind: member.kind,
      })),
    }));
    return nav;
  }
}

function findNode(nodes, path) {
  for (const node of nodes) {
    if (node.path === path) return node;
    const found = node.children && findNode(node.children, path);
    if (found) return found;
  }
  return undefined;
}
