// startMockServer() from chirp-sdk/testing under Deno and Bun: Prism is a Node program,
// so it runs on a Node found on PATH — or the error says how to provide one.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished } from "../fixtures/process.js";

const root = resolve(import.meta.dirname, "../..");
// Inside the repo, as an installed package would be: the kit finds openapi/ and Prism from there.
const dir = join(root, "node_modules/.cache/chirp-mock-runtimes");
const bundle = join(dir, "testing.mjs");
const script = join(import.meta.dirname, "fixtures/use-mock.mjs");
const running = new Set<ReturnType<typeof spawn>>();

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(root, "src/testing/index.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: bundle,
    logLevel: "silent",
    external: ["@stoplight/prism-cli"],
  });
});
afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the fixture under `command` and resolves with its JSON line. */
function run(command: string, args: string[], path: string): Promise<{ status?: number; error?: string }> {
  const child = spawn(join(root, "node_modules/.bin", command), [...args, script, pathToFileURL(bundle).href], {
    env: { ...process.env, PATH: path, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  return finished(child).then(({ code, out, err }) => {
    running.delete(child);
    const line = out.split("\n").find((l) => l.startsWith("{"));
    if (line === undefined) throw new Error(`${command} exited (${code}):\n${out}\n${err}`);
    return JSON.parse(line) as { status?: number; error?: string };
  });
}

// PATH with the system's Node (never node_modules/.bin), and PATH with no Node at all.
const withNode = (process.env.PATH ?? "")
  .split(":")
  .filter((d) => !d.includes("node_modules"))
  .join(":");
const withoutNode = join(root, "node_modules/.cache/no-such-dir");

describe.each([
  ["deno", ["run", "--no-config", "--no-lock", "-A"]],
  ["bun", ["run"]],
])("startMockServer under %s", (command, args) => {
  it("starts Prism on the Node found on PATH, answers a send, and closes", async () => {
    expect(await run(command, args, withNode)).toEqual({ status: 200 });
  }, 90_000);

  it("fails with a message naming what to install or pass when no Node is on PATH", async () => {
    const { error } = await run(command, args, withoutNode);
    expect(error).toMatch(
      /found no `node` on PATH.*Install Node\.js 20 or later, or pass its path: startMockServer\(\{ node:/,
    );
  }, 90_000);
});
