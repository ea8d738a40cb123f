// npm's prepack/postpack (scripts/pack-manifest.mjs) pack package.json without `scripts`
// and put the original back; test/pipeline/package.test.ts checks the real `npm pack`.
// Here: a pack that dies between the two never loses the original.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { root } from "./workspace.js";

let dir: string;
const original = `${JSON.stringify(
  { name: "x", version: "1.0.0", scripts: { prepare: "node scripts/prepare.mjs", prepack: "p" }, files: ["dist"] },
  null,
  2,
)}\n`;

function run(command: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(dir, "scripts/pack-manifest.mjs"), command], { cwd: dir }, (error, stdout) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout });
    });
  });
}
const manifest = () => readFileSync(join(dir, "package.json"), "utf8");

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "chirp-pack-manifest-"));
  mkdirSync(join(dir, "scripts"));
  cpSync(join(root, "scripts/pack-manifest.mjs"), join(dir, "scripts/pack-manifest.mjs"));
  writeFileSync(join(dir, "package.json"), original);
  mkdirSync(join(dir, "dist"));
  writeFileSync(join(dir, "dist/index.js"), "export {};\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("scripts/pack-manifest.mjs", () => {
  it("strip drops `scripts` only and prints nothing on stdout; restore puts the file back byte for byte", async () => {
    const stripped = await run("strip");
    expect(stripped).toEqual({ code: 0, stdout: "" });
    expect(JSON.parse(manifest())).toEqual({ name: "x", version: "1.0.0", files: ["dist"] });
    expect(await run("restore")).toEqual({ code: 0, stdout: "" });
    expect(manifest()).toBe(original);
    // A second restore (nothing saved) changes nothing.
    await run("restore");
    expect(manifest()).toBe(original);
  });

  it("a pack that died after strip: the next strip starts from the original, and restore returns it", async () => {
    await run("strip");
    await run("strip"); // no restore in between
    expect(JSON.parse(manifest()).scripts).toBeUndefined();
    await run("restore");
    expect(manifest()).toBe(original);
  });

  it("refuses to pack without dist/ (npm pack does not build), naming the fix", async () => {
    rmSync(join(dir, "dist"), { recursive: true });
    const r = await run("strip");
    expect(r.code).toBe(1);
    expect(manifest()).toBe(original);
  });

  it("refuses an unknown command", async () => {
    expect((await run("publish")).code).toBe(1);
    expect(manifest()).toBe(original);
  });
});
