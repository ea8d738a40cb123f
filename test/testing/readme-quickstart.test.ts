// The README's quickstart, unchanged, against startMockServer(): the first ```ts
// block of README.md is written to a file and run with tsx (tsconfig's `paths` map
// "chirp-sdk" to src/), with the keys and base URL from the environment as a user sets them.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../../src/testing/index.js";
import { finished } from "../fixtures/process.js";

const root = join(import.meta.dirname, "../..");

/** The first ```ts block of README.md, byte for byte. */
function quickstart(readme: string): string {
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(readme);
  if (!block?.[1]) throw new Error("README.md has no ```ts block");
  return block[1];
}

function run(file: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return finished(spawn(process.execPath, ["--import", "tsx", file], { cwd: root, env }));
}

let mock: MockServer;
let dir: string;
beforeAll(async () => {
  mock = await startMockServer();
  dir = mkdtempSync(join(tmpdir(), "chirp-readme-"));
});
afterAll(async () => {
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("runs the README quickstart unchanged against the mock: every step, every page, exit 0", async () => {
  const code = quickstart(readFileSync(join(root, "README.md"), "utf8"));
  expect(code).toContain('admin.paginate("listOrganizationSmsMessages"');
  const file = join(dir, "quickstart.mts");
  writeFileSync(file, code);
  const env = {
    ...process.env,
    CHIRP_APP_KEY: "sk_test_app_readme",
    CHIRP_ADMIN_KEY: "sk_admin_readme",
    CHIRP_BASE_URL: mock.url,
  };
  const r = await run(file, env);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const lines = r.out.trim().split("\n");
  // sms.id + status, the profile's name, then one id per listed message over two pages.
  expect(lines[0]).toMatch(/^msg_sms_\S+ \S+$/);
  expect(lines.slice(2).length).toBeGreaterThanOrEqual(2);
  for (const id of lines.slice(2)) expect(id).toMatch(/^msg_sms_/);
}, 60_000);
