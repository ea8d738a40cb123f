// Writing a spec-update report into the repository: the CHANGELOG.md entry and the
// version in package.json / package-lock.json. Shared by scripts/changelog.mjs and
// scripts/spec-sync.mjs so both bump by the same rule (scripts/lib/version-bump.mjs).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { changelogEntry, insertEntry } from "./changelog.mjs";
import { bumpFor, bumpVersion } from "./version-bump.mjs";

const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));

// package.json is edited as text so its formatting stays; the lock file is npm's own JSON layout.
function setVersion(root, version) {
  const pkgPath = join(root, "package.json");
  writeFileSync(pkgPath, readFileSync(pkgPath, "utf8").replace(/("version":\s*")[^"]*(")/, `$1${version}$2`));
  const lockPath = join(root, "package-lock.json");
  if (!existsSync(lockPath)) return;
  const lock = readJson(lockPath);
  lock.version = version;
  if (lock.packages?.[""]) lock.packages[""].version = version;
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
}

/**
 * Adds the entry for `report` to `root`/CHANGELOG.md and bumps the version. Returns
 * `{ current, version, kind, entry }`; `kind` and `entry` are null (and nothing is
 * written) for an empty report. With `dryRun` nothing is written either.
 */
export function applyChangelog(root, report, { date, source, dryRun = false }) {
  const current = readJson(join(root, "package.json")).version;
  const kind = bumpFor(current, report);
  if (!kind) return { current, version: current, kind: null, entry: null };
  const version = bumpVersion(current, kind);
  const entry = changelogEntry(report, { version, date, source });
  if (!dryRun) {
    const changelogPath = join(root, "CHANGELOG.md");
    const before = existsSync(changelogPath) ? readFileSync(changelogPath, "utf8") : "";
    writeFileSync(changelogPath, insertEntry(before, entry));
    setVersion(root, version);
  }
  return { current, version, kind, entry };
}
