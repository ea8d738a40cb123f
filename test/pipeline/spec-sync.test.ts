// `npm run spec:sync` end to end, as the scheduled workflow runs it: upstream is a
// loopback HTTP server, the remote is a bare repository holding a clone of this project
// whose main vendors revision 1. The script runs in a clone of that remote.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished } from "../fixtures/process.js";
import { specRevision } from "../fixtures/specs.js";
import { root, shSync } from "./workspace.js";

const r1 = readFileSync(specRevision(1), "utf8");
const r2 = readFileSync(specRevision(2), "utf8");
const BRANCH = "spec-sync/update";

let dir: string;
let remote: string;
let work: string;
let server: Server;
let upstream = "";
let url: string;

/** Runs spec-sync in the clone without blocking the loopback server, which lives in this process. */
function sync(extra: readonly string[] = []) {
  const outputs = join(dir, `outputs-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(outputs, "");
  const args = ["scripts/spec-sync.mjs", "--from", url, "--date", "2026-11-29", ...extra];
  args.push("--report-file", join(dir, "pr-body.md"));
  const child = spawn(process.execPath, args, { cwd: work, env: { ...process.env, GITHUB_OUTPUT: outputs } });
  return finished(child).then(({ code, out, err }) => {
    const lines = readFileSync(outputs, "utf8").trim().split("\n").filter(Boolean);
    const written: Record<string, string> = Object.fromEntries(lines.map((l) => l.split(/=(.*)/s).slice(0, 2)));
    return { status: code, stdout: out, stderr: err, outputs: written };
  });
}

const remoteGit = (...args: string[]) => shSync("git", args, remote).trim();
const tip = () => remoteGit("rev-parse", "--verify", "--quiet", `refs/heads/${BRANCH}`);
const hasBranch = () => remoteGit("branch", "--list", BRANCH) !== "";
const cleanTree = () => shSync("git", ["status", "--porcelain", "--untracked-files=no"], work);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chirp-sync-"));
  remote = join(dir, "remote.git");
  work = join(dir, "work");
  shSync("git", ["init", "--quiet", "--bare", remote], dir);
  shSync("git", ["push", "--quiet", remote, "HEAD:refs/heads/main"], root);
  shSync("git", ["symbolic-ref", "HEAD", "refs/heads/main"], remote);
  shSync("git", ["clone", "--quiet", remote, work], dir);
  symlinkSync(join(root, "node_modules"), join(work, "node_modules"), "dir");
  shSync("git", ["config", "user.name", "test"], work);
  shSync("git", ["config", "user.email", "test@example.invalid"], work);
  // main vendors revision 1, as the project did before revision 2 came out.
  writeFileSync(join(work, "openapi/openapi.json"), r1);
  shSync(process.execPath, ["scripts/generate.mjs", "--skip-lint"], work);
  shSync("git", ["commit", "--quiet", "-am", "vendor revision 1"], work);
  shSync("git", ["push", "--quiet", "origin", "main"], work);
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`;
}, 60_000);

afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run spec:sync", { timeout: 60_000 }, () => {
  it("revision 1 upstream: nothing changed, nothing run, no branch", async () => {
    upstream = r1;
    const r = await sync();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.outputs).toEqual({ changed: "false", breaking: "false", reason: "same as the vendored spec" });
    expect(r.stdout).not.toContain("Wrote openapi/openapi.json");
    expect(hasBranch()).toBe(false);
  });

  it("revision 2 upstream: one commit on one branch with spec, generated code, CHANGELOG and version", async () => {
    upstream = r2;
    const base = JSON.parse(readFileSync(join(work, "package.json"), "utf8")).version as string;
    const r = await sync();
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs).toMatchObject({ changed: "true", breaking: "false", branch: BRANCH, version: "0.1.2" });
    expect(base).toBe("0.1.1");
    expect(remoteGit("rev-list", "--count", `main..${BRANCH}`)).toBe("1");
    const files = remoteGit("diff", "--name-only", "main", BRANCH).split("\n");
    expect(files).toEqual(
      expect.arrayContaining([
        "CHANGELOG.md",
        "openapi/openapi.json",
        "package-lock.json",
        "package.json",
        "src/generated/openapi.ts",
        "src/generated/mock-answers.ts",
      ]),
    );
    expect(files.every((f) => f.startsWith("src/generated/") || !f.includes("/") || f.startsWith("openapi/"))).toBe(
      true,
    );
    expect(remoteGit("show", `${BRANCH}:openapi/openapi.json`)).toBe(r2.trim());
    expect(JSON.parse(remoteGit("show", `${BRANCH}:package.json`)).version).toBe("0.1.2");
    expect(remoteGit("show", `${BRANCH}:CHANGELOG.md`)).toContain("## [0.1.2] - 2026-11-29");
    const body = readFileSync(join(dir, "pr-body.md"), "utf8");
    expect(body).toContain(`Spec sync from \`${url}\``);
    expect(body).toContain("Version: 0.1.1 → **0.1.2** (patch).");
    expect(body).toContain("No breaking change.");
    expect(body).toContain("Response 402 added (examples: message_undeliverable) on 3 operations");
    // The clone is back on main, clean, still vendoring revision 1.
    expect(shSync("git", ["rev-parse", "--abbrev-ref", "HEAD"], work).trim()).toBe("main");
    expect(cleanTree()).toBe("");
    expect(readFileSync(join(work, "openapi/openapi.json"), "utf8")).toBe(r1);
  });

  it("revision 2 again: already proposed, nothing committed or pushed", async () => {
    const before = tip();
    const r = await sync();
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs).toEqual({ changed: "false", breaking: "false", reason: `already proposed on ${BRANCH}` });
    expect(tip()).toBe(before);
  });

  it("a document that fails lint is rejected: nothing written, committed or pushed", async () => {
    const before = tip();
    upstream = JSON.stringify({ openapi: "3.1.0", info: { title: "x", version: "1" }, paths: { "/a": { get: {} } } });
    const r = await sync();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("spec lint failed");
    expect(r.outputs).toEqual({});
    expect(tip()).toBe(before);
    expect(cleanTree()).toBe("");
    expect(readFileSync(join(work, "openapi/openapi.json"), "utf8")).toBe(r1);
  });

  it("a breaking change: a failed --verify pushes nothing; once it passes the branch is replaced and marked breaking", async () => {
    const before = tip();
    const spec = JSON.parse(r2);
    delete spec.paths["/v1/calls/token"].post;
    upstream = JSON.stringify(spec, null, 2);
    const failed = await sync(["--verify", `"${process.execPath}" -e "process.exit(3)"`]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("nothing was pushed");
    expect(tip()).toBe(before);

    const r = await sync(["--verify", `"${process.execPath}" -e ""`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs).toMatchObject({ changed: "true", breaking: "true", version: "0.2.0" });
    expect(remoteGit("rev-list", "--count", `main..${BRANCH}`)).toBe("1");
    expect(tip()).not.toBe(before);
    const body = readFileSync(join(dir, "pr-body.md"), "utf8");
    expect(body).toContain("### ⚠️ 1 breaking change(s)\n\n- operation createCallToken removed");
    expect(body).toContain("passed on this branch before it was pushed");
  });
});
