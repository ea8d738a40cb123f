// The fenced code blocks of a Markdown file, with the line each starts on, so a
// failing snippet is reported as "README.md:123", where a reader can find it — and the
// compiler options those snippets are type-checked with (an app's strictness).
import ts from "typescript";

/**
 * How documentation snippets are type-checked: as an app with the project's strictness
 * compiles them, each block a module of its own (no block sees another's names).
 */
export const snippetCompilerOptions: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: ["node"],
};

/** One fenced block: its info string's language, its text, and the 1-based line of its first code line. */
export interface CodeBlock {
  readonly lang: string;
  readonly code: string;
  readonly line: number;
}

/** Every ``` fenced block of `markdown`, in order. An unclosed fence is an error. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)/.exec(lines[i] ?? "");
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? "")) end++;
    if (end >= lines.length) throw new Error(`unclosed code fence at line ${i + 1}`);
    blocks.push({ lang: open[2] ?? "", code: lines.slice(start, end).join("\n"), line: start + 1 });
    i = end;
  }
  return blocks;
}
