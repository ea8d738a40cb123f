// What `npm run docs` is built from: every entry point of package.json's exports
// (so a new entry is documented without editing the script), and an error-code
// page with each code's status, type, class, meaning and what to do.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../pipeline/workspace.js";

interface Prose {
  readonly meaning: string;
  readonly action: string;
}
const { entryPoints } = (await import(join(root, "scripts/docs.mjs"))) as {
  entryPoints(): Promise<Record<string, string>>;
};
const { errorReference } = (await import(join(root, "scripts/error-reference.mjs"))) as {
  errorReference(spec: unknown): string;
};
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));
const prose = JSON.parse(readFileSync(join(root, "scripts/error-docs.json"), "utf8")).codes as Record<string, Prose>;

describe("the API reference's entry points", () => {
  it("are every subpath of package.json's exports, each named by its import specifier, each a source file", async () => {
    const entries = await entryPoints();
    const specifiers = Object.keys(pkg.exports)
      .filter((k) => k !== "./package.json")
      .map((k) => (k === "." ? "chirp-sdk" : `chirp-sdk/${k.slice(2)}`));
    expect(Object.keys(entries).sort()).toEqual(specifiers.sort());
    for (const source of Object.values(entries)) expect(source).toMatch(/^src\/.+\.ts$/);
    expect(entries["chirp-sdk"]).toBe("src/index.ts");
  });
});

describe("the error-code page", () => {
  const page = errorReference(spec);
  const codes: string[] = spec.components.schemas.ApiError.properties.error.properties.code.enum;

  it("is a project document titled Error codes", () => {
    expect(page.startsWith("---\ntitle: Error codes\n---\n")).toBe(true);
  });

  it.each(codes.map((c) => [c]))("documents %s: status, type, class, meaning and what to do", (code) => {
    const start = page.indexOf(`### ${code}\n`);
    expect(start).toBeGreaterThan(0);
    const next = page.indexOf("\n### ", start + 1);
    const section = page.slice(start, next === -1 ? undefined : next);
    expect(section).toMatch(/- \*\*HTTP status:\*\* (\d{3}( or \d{3})*|not documented by the spec)\n/);
    expect(section).toMatch(/- \*\*Type:\*\* (`\w+`|not documented)\n/);
    // The class value (`:var`, not the type of the same name), shown by its name.
    expect(section).toMatch(/- \*\*Class:\*\* \{@link "chirp-sdk"\.(\w+Error):var \| \1\}/);
    expect(section).toContain(`**Meaning.** ${prose[code]?.meaning}`);
    expect(section).toContain(`**What to do.** ${prose[code]?.action}`);
    expect(page).toContain(`| [<code>${code.replaceAll("_", "_<wbr>")}</code>](#${code}) |`);
  });

  it("takes each status from the spec (template_not_found: 404; phone_number_not_assigned: 400 or 404)", () => {
    expect(page).toMatch(
      /### template_not_found\n\n- \*\*HTTP status:\*\* 404\n- \*\*Type:\*\* `invalid_request_error`/,
    );
    expect(page).toMatch(/### phone_number_not_assigned\n\n- \*\*HTTP status:\*\* 400 or 404\n/);
    expect(page).toContain(
      '### meta_api_error\n\n- **HTTP status:** 424\n- **Type:** `api_error`\n- **Class:** {@link "chirp-sdk".MetaApiError:var | MetaApiError}',
    );
  });
});
