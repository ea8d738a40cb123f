// A throw-away copy of the pipeline's inputs and outputs (spec, scripts, generated
// code, lint config) with node_modules linked in, so the tests can edit the spec
// and run the real scripts without touching the working tree.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The repository root. */
export const root = resolve(import.meta.dirname, "../..");

/** A temp copy of the pipeline; `run` executes one of its scripts with node. */
export interface Workspace {
  readonly dir: string;
  run(script: string, args?: readonly string[]): { status: number; stdout: string; stderr: string };
  dispose(): void;
}

/** Copies openapi/, scripts/, src/generated/, redocly.yaml and package.json into a temp dir. */
export function makeWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "chirp-pipeline-"));
  for (const entry of ["openapi", "scripts", "src/generated", "redocly.yaml", "package.json"]) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return {
    dir,
    run(script, args = []) {
      const r = spawnSync(process.execPath, [join(dir, script), ...args], { cwd: dir, encoding: "utf8" });
      return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs a command and returns its stdout; throws with its output when it fails. */
export function sh(cmd: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/**
 * `sh` without blocking: for long commands (a full type-check), so that the test
 * worker's event loop stays free to report to vitest (a blocked worker times out its RPC).
 */
export function shAsync(cmd: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} ${args.join(" ")} failed:\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}
