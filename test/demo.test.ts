// `npm run demo` is the README's main-job command: it must walk through every step
// against the embedded mock, exit 0 and leave no Prism behind.
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

it("runs the quickstart walkthrough against the embedded mock and exits 0", async () => {
  expect(existsSync(join(root, "dist/testing.js")), "dist/ is missing: run `npm run build` first").toBe(true);
  const env = { ...process.env };
  for (const name of ["CHIRP_APP_KEY", "CHIRP_ADMIN_KEY", "CHIRP_BASE_URL"]) delete env[name];
  // Asynchronous: a synchronous child would block the test worker (see test/pipeline/workspace.ts).
  const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [join(root, "examples/run-demo.mjs")],
      { cwd: root, env, encoding: "utf8" },
      (e, stdout, stderr) => {
        const code = (e as { code?: unknown } | null)?.code;
        resolve({ status: e ? (typeof code === "number" ? code : -1) : 0, stdout, stderr });
      },
    );
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const out = run.stdout;
  for (const step of [
    "Send an SMS",
    "Send a WhatsApp text",
    "Send a WhatsApp template",
    "Read a WhatsApp business profile",
    "Complete the embedded-signup callback (admin key)",
    "Page through the organization's SMS messages (admin key)",
    "An SMS the carrier rejects",
  ]) {
    expect(out).toContain(`▸ ${step}`);
  }
  expect(out).toMatch(/caught\s+MessageUndeliverableError/);
  expect(out).toMatch(/type \/ code\s+provider_error \/ message_undeliverable/);
  expect(out).toMatch(/provider\s+telnyx 40300: Carrier rejected the message/);
  // The mock's list ends: exactly two pages of one message each.
  expect(out.match(/^ {2}message \d+/gm)).toHaveLength(2);
  expect(out).toMatch(/mock at http:\/\/127\.0\.0\.1:\d+ stopped/);
  // No Prism left running from this demo's port.
  const port = /127\.0\.0\.1:(\d+) stopped/.exec(out)?.[1];
  const ps = spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout;
  expect(ps.split("\n").filter((line) => line.includes("prism") && line.includes(` ${port}`))).toEqual([]);
}, 90_000);
