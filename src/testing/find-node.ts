/// <reference types="node" />
// Prism is a Node program. Under Node the mock runs it with the same binary; Deno and
// Bun cannot run it as Node (`deno eval` refuses Node's flags), so a Node found on PATH
// runs it there — or the error says how to provide one.
import { accessSync, constants, realpathSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Whether this process is Node itself (Deno and Bun also set `process.versions.node`). */
function isNode(): boolean {
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  return g.Deno === undefined && g.Bun === undefined && typeof process.versions.node === "string";
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A real Node: Deno and Bun put a `node` on PATH that is a link to themselves. */
function isOtherThanSelf(path: string): boolean {
  try {
    return realpathSync(path) !== realpathSync(process.execPath);
  } catch {
    return false;
  }
}

/**
 * The Node binary to run Prism with: `explicit` when given, this process under Node,
 * else the first `node` on PATH. Throws an error saying how to fix it when there is none.
 */
export function nodeForPrism(explicit?: string): string {
  if (explicit !== undefined) {
    if (executable(explicit)) return explicit;
    throw new Error(`chirp-sdk/testing: the node option (${explicit}) is not an executable file.`);
  }
  if (isNode()) return process.execPath;
  const names = process.platform === "win32" ? ["node.exe", "node.cmd"] : ["node"];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (dir !== "" && executable(candidate) && isOtherThanSelf(candidate)) return candidate;
    }
  }
  const runtime = (globalThis as { Deno?: unknown }).Deno === undefined ? "Bun" : "Deno";
  throw new Error(
    `chirp-sdk/testing: startMockServer runs Prism (a Node.js program) and found no \`node\` on PATH under ${runtime}. ` +
      'Install Node.js 20 or later, or pass its path: startMockServer({ node: "/usr/local/bin/node" }).' +
      (runtime === "Deno" ? " Deno needs --allow-run, --allow-read and --allow-env=PATH for this lookup." : ""),
  );
}
