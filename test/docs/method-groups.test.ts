// The groups of the `Chirp` reference page (scripts/lib/method-groups.mjs): each
// operation under its most specific spec tag, the rule CONTRIBUTING.md states, written
// into the generated methods' JSDoc as `@category`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../pipeline/workspace.js";

const { methodGroups, specTags, withGroup } = (await import(join(root, "scripts/lib/method-groups.mjs"))) as {
  methodGroups(spec: unknown): Map<string, string>;
  specTags(spec: unknown): { name: string; description?: string }[];
  withGroup(jsdoc: string, groups: Map<string, string>, operationId: string): string;
};
const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));

/** A spec with one path per operation: `[operationId, tags]`. */
function specWith(ops: [string, string[] | undefined][], tags?: { name: string; description?: string }[]) {
  return {
    ...(tags ? { tags } : {}),
    paths: Object.fromEntries(
      ops.map(([id, t]) => [`/${id}`, { get: { operationId: id, ...(t ? { tags: t } : {}) } }]),
    ),
  };
}

describe("the reference group of each operation", () => {
  it("puts every operation of the vendored spec under what it acts on, never under its key's tag (App, Admin)", () => {
    const groups = methodGroups(spec);
    const ids = Object.values(spec.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).flatMap((op) => op.operationId ?? []),
    );
    expect([...groups.keys()].sort()).toEqual(ids.sort());
    expect(new Set(groups.values()).has("App")).toBe(false);
    expect(new Set(groups.values()).has("Admin")).toBe(false);
    expect(groups.get("sendSms")).toBe("SMS");
    expect(groups.get("listOrganizationSmsMessages")).toBe("SMS");
    expect(groups.get("sendWhatsAppTemplate")).toBe("WhatsApp Templates");
    expect(groups.get("createAdminKey")).toBe("Admin Keys");
  });

  it("chooses the tag the fewest operations carry; a tie goes to the tag the spec lists first", () => {
    const s = specWith(
      [
        ["a", ["Wide", "Narrow"]],
        ["b", ["Wide"]],
        ["c", ["Second", "First"]],
        ["d", ["Wide", "Narrow"]],
      ],
      [{ name: "First" }, { name: "Second" }, { name: "Wide" }, { name: "Narrow" }],
    );
    const groups = methodGroups(s);
    expect(groups.get("a")).toBe("Narrow");
    expect(groups.get("b")).toBe("Wide");
    expect(groups.get("c")).toBe("First");
  });

  it("leaves an untagged operation without a group, and orders tags as the spec lists them, then by first use", () => {
    const s = specWith(
      [
        ["a", undefined],
        ["b", ["Unlisted", "Listed"]],
      ],
      [{ name: "Listed", description: "  What it is.  " }, { name: "Empty" }],
    );
    expect(methodGroups(s).has("a")).toBe(false);
    expect(specTags(s)).toEqual([
      { name: "Listed", description: "What it is." },
      { name: "Empty", description: undefined },
      { name: "Unlisted", description: undefined },
    ]);
  });

  it("adds `@category` as the last line of a method's JSDoc, lined up with it", () => {
    const jsdoc = "  /**\n   * Send an SMS\n   * @example\n   * ```ts\n   * x\n   * ```\n   */";
    const groups = new Map([["sendSms", "SMS"]]);
    expect(withGroup(jsdoc, groups, "sendSms")).toBe(
      "  /**\n   * Send an SMS\n   * @example\n   * ```ts\n   * x\n   * ```\n   * @category SMS\n   */",
    );
    expect(withGroup(jsdoc, groups, "other")).toBe(jsdoc);
  });

  it("is in each generated method's JSDoc (src/generated/methods.ts)", () => {
    const methods = readFileSync(join(root, "src/generated/methods.ts"), "utf8");
    const groups = methodGroups(spec);
    const found = [...methods.matchAll(/\* @category ([^\n]+)\n {3}\*\/\n {2}(\w+)\(/g)].map((m) => [m[2], m[1]]);
    expect(new Map(found as [string, string][])).toEqual(groups);
  });
});
