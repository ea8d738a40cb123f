// The order-notifications example's node:test suite, run in CI: Node's own test runner in
// a child process (with tsx, as the example's header says), its TAP summary read back.
// Its vitest twin (examples/testing/order-notifications.test.ts) is in the vitest include list.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { finished } from "../fixtures/process.js";

const root = resolve(import.meta.dirname, "../..");

it("examples/testing/order-notifications.node-test.ts passes under node --test", async () => {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--test",
      "--test-reporter=tap",
      join(root, "examples/testing/order-notifications.node-test.ts"),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  const { code, out, err } = await finished(child);
  expect(code, `${out}\n${err}`).toBe(0);
  expect(out).toMatch(/^# tests 6$/m);
  expect(out).toMatch(/^# pass 6$/m);
  expect(out).toMatch(/^# fail 0$/m);
});
