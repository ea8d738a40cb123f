import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

export default defineConfig({
  // As tsup.config.ts: the User-Agent's version from package.json (src/user-agent.ts).
  define: { __CHIRP_VERSION__: JSON.stringify(version) },
  test: {
    // examples/testing: the order-notifications app's own tests, run in CI like the suite.
    include: ["test/**/*.test.ts", "examples/testing/*.test.ts"],
    // One Prism mock of the vendored spec for the whole run (the contract suite uses it).
    globalSetup: ["test/contract/prism-setup.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
    // The JSON report feeds .ci/run's "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
    // CI is a loaded 2-core box: one worker process per core (more only fight over CPU and
    // starve the worker↔runner RPC), and timeouts that measure hangs, not load. No test
    // asserts a duration, so a slow run stays green.
    pool: "forks",
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
