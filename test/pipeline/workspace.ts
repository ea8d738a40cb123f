// A throw-away copy of the pipeline's inputs and outputs (spec, scripts, generated
// code, lint config) with node_modules linked in, so the tests can edit the spec
// and run the real scripts without touching the working tree.
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The repository root. */
export const root = resolve(import.meta.dirname, "../..");

/** A temp copy of the pipeline; `run` executes one of its scripts with node. */
export interface Workspace {
  readonly dir: string;
  run(script: string, args?: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }>;
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
      return new Promise((resolve) => {
        execFile(
          process.execPath,
          [join(dir, script), ...args],
          { cwd: dir, encoding: "utf8" },
          (error, stdout, stderr) => {
            const code = (error as { code?: unknown } | null)?.code;
            resolve({ status: error ? (typeof code === "number" ? code : -1) : 0, stdout, stderr });
          },
        );
      });
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs a command and resolves to its stdout; rejects with its output when it fails.
 * Asynchronous on purpose: a synchronous child process blocks the test worker's event
 * loop, and a block longer than vitest's 60 s RPC timeout (npm pack, tsc on a loaded
 * machine) fails the run with "Timeout calling onTaskUpdate".
 */
export function sh(cmd: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} ${args.join(" ")} failed:\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * `sh`, blocking: only for quick commands (git plumbing) in setup code, where an
 * `await` per line would only add noise. Anything that may run for seconds uses `sh`.
 */
export function shSync(cmd: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: "pipe" });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}
