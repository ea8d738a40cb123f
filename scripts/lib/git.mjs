// The few git commands spec-sync needs, run with the repository as cwd. Arguments go
// through execFile (no shell), so a branch or URL never becomes a command.
import { execFileSync, spawnSync } from "node:child_process";

/** Runs `git args…` in `cwd` and returns its trimmed stdout; throws with git's output on failure. */
export function git(cwd, args) {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (error) {
    throw new Error(`git ${args.join(" ")} failed:\n${error.stderr ?? ""}${error.stdout ?? ""}`);
  }
}

/** Like `git`, but returns null instead of throwing (for "does this exist?" questions). */
export function gitMaybe(cwd, args) {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The content of `path` at the tip of `branch` on `remote`, or null when the branch does not exist there. */
export function remoteFile(cwd, remote, branch, path) {
  if (!gitMaybe(cwd, ["ls-remote", "--heads", remote, branch])) return null;
  git(cwd, ["fetch", "--quiet", remote, `refs/heads/${branch}`]);
  const r = spawnSync("git", ["show", `FETCH_HEAD:${path}`], { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  return r.status === 0 ? r.stdout : null;
}

/** `-c user.name=… -c user.email=…` when the repository has no committer configured (a fresh CI runner). */
export function identityArgs(cwd) {
  if (gitMaybe(cwd, ["config", "user.email"])) return [];
  return ["-c", "user.name=chirp-spec-sync", "-c", "user.email=spec-sync@users.noreply.github.com"];
}
