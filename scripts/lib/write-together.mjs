// Writing a set of files as one change: the spec and src/generated/ land together, or
// not at all. Each file is first written next to its target under a temporary name
// (same directory, so the final rename never crosses a file system); only when every
// one of them is written are they renamed over their targets. A failure while
// staging removes the staged files and leaves every target untouched; a failure
// while renaming (a full disk cannot cause it, a permission change could) puts back
// the targets already replaced, from the copies read before.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

/**
 * Writes `files` (absolute path → text) together, or throws with every target as it was.
 * @param {Record<string, string>} files
 */
export function writeTogether(files) {
  const entries = Object.entries(files);
  const suffix = `.tmp-${process.pid}-${Date.now().toString(36)}`;
  const staged = [];
  try {
    for (const [path, text] of entries) {
      writeFileSync(path + suffix, text);
      staged.push(path + suffix);
    }
  } catch (error) {
    for (const p of staged) rmSync(p, { force: true });
    throw error;
  }
  const before = new Map(entries.map(([path]) => [path, existsSync(path) ? readFileSync(path) : undefined]));
  const done = [];
  try {
    for (const [path] of entries) {
      renameSync(path + suffix, path);
      done.push(path);
    }
  } catch (error) {
    for (const path of done) {
      const old = before.get(path);
      if (old === undefined) rmSync(path, { force: true });
      else writeFileSync(path, old);
    }
    for (const [path] of entries) rmSync(path + suffix, { force: true });
    throw error;
  }
}
