// Every ```ts block of README.md type-checks as written, each as its own module,
// under strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes, so the
// README cannot rot. `chirp-sdk` resolves the way it does for a user: through
// package.json's `exports` to the built declarations in dist/ (run `npm run build`
// first). The blocks are written to a scratch folder inside the repository so that
// the package resolves by its own name and third-party imports (ioredis, vitest,
// @types/node) come from the repository's node_modules.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "../pipeline/workspace.js";
import { codeBlocks, snippetCompilerOptions } from "./code-blocks.js";

const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = codeBlocks(readme).filter((b) => b.lang === "ts" || b.lang === "typescript");

let dir: string;
let diagnostics: Map<string, readonly ts.Diagnostic[]>;

beforeAll(() => {
  expect(existsSync(join(root, "dist/index.d.ts")), "dist/ is missing: run `npm run build` first").toBe(true);
  mkdirSync(join(root, ".readme-blocks"), { recursive: true });
  dir = mkdtempSync(join(root, ".readme-blocks", "run-"));
  const files = blocks.map((b) => {
    const file = join(dir, `readme-line-${b.line}.mts`);
    writeFileSync(file, b.code);
    return file;
  });
  const program = ts.createProgram(files, snippetCompilerOptions);
  diagnostics = new Map(files.map((f) => [f, ts.getPreEmitDiagnostics(program, program.getSourceFile(f))]));
}, 120_000);

afterAll(() => {
  if (!dir) return;
  rmSync(dir, { recursive: true, force: true });
  try {
    rmdirSync(join(root, ".readme-blocks")); // only when no other run is using it
  } catch {}
});

function describeDiagnostic(d: ts.Diagnostic, block: { line: number }): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return text;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `README.md:${block.line + line}:${character + 1} TS${d.code}: ${text}`;
}

describe("README.md", () => {
  it("has TypeScript examples to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((b) => [b.line, b] as const))("the ts block at line %i type-checks on its own", (_, block) => {
    const found = diagnostics.get(join(dir, `readme-line-${block.line}.mts`));
    expect(found, "block was not compiled").toBeDefined();
    expect((found ?? []).map((d) => describeDiagnostic(d, block))).toEqual([]);
  });
});
