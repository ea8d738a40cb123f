// Every `@example` of the generated method declarations compiles as written against
// the method's own types: an example a person copies from a hover must work.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specFacts } from "../spec-facts.js";
import { languageService, sampleFile } from "./language-service.js";

const methods = readFileSync(join(import.meta.dirname, "../../src/generated/methods.ts"), "utf8");

/** `[operationId, example code]` for each method, from its JSDoc. */
function examples(): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  // Tags after the example (the reference group's `@category`) may follow before the comment ends.
  const block = /@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```\n(?:\s*\* @[^\n]*\n)*\s*\*\/\n\s*(\w+)\(/g;
  for (const m of methods.matchAll(block)) {
    const code = (m[1] ?? "")
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .join("\n");
    found.push([m[2] ?? "", code]);
  }
  return found;
}

describe("the @example of every generated method", () => {
  const all = examples();

  it("there is one per operation of the spec", () => {
    const { operationIds } = specFacts();
    expect(all).toHaveLength(operationIds.length);
    expect(new Set(all.map(([id]) => id))).toEqual(new Set(operationIds));
  });

  it("each type-checks as written (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess)", () => {
    const files = Object.fromEntries(
      all.map(([id, code]) => [
        `example-${id}.ts`,
        `import { Chirp } from "../../src/index.js";\ndeclare const chirp: Chirp;\nexport async function run() {\n${code}\n  return result;\n}\n`,
      ]),
    );
    const service = languageService(files);
    const problems = Object.keys(files).flatMap((name) =>
      service
        .getSemanticDiagnostics(sampleFile(name))
        .map((d) => `${name}: ${typeof d.messageText === "string" ? d.messageText : d.messageText.messageText}`),
    );
    expect(problems).toEqual([]);
  });

  it("a wrong example would fail: the check is real", () => {
    const service = languageService({
      "example-wrong.ts": `import { Chirp } from "../../src/index.js";\ndeclare const chirp: Chirp;\nexport const r = chirp.sendSms({ body: { from: 1 } });\n`,
    });
    expect(service.getSemanticDiagnostics(sampleFile("example-wrong.ts")).length).toBeGreaterThan(0);
  });
});
