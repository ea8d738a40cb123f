// The fenced code blocks of a Markdown file, with the line each starts on, so a
// failing snippet is reported as "README.md:123", where a reader can find it.

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
