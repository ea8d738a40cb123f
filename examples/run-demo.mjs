// `npm run demo`: starts the embedded Prism mock from the built package
// (chirp-sdk/testing), runs examples/quickstart.ts against it with test keys,
// stops the mock, and exits with the example's code. No key, no network.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startMockServer } from "chirp-sdk/testing";

const started = performance.now();
const example = fileURLToPath(new URL("./quickstart.ts", import.meta.url));

// The mock plays the spec as shipped: the error step asks for a documented named
// example with mockAnswer(), so no patched copy of the spec is needed.
const mock = await startMockServer();

/** Runs the example with tsx and resolves to its exit code. */
function runExample() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", example], {
      stdio: "inherit",
      env: {
        ...process.env,
        CHIRP_BASE_URL: mock.url,
        CHIRP_APP_KEY: "sk_test_app_demo",
        CHIRP_ADMIN_KEY: "sk_admin_demo",
        CHIRP_DEMO_MOCK: "1",
      },
    });
    // Ctrl-C reaches the child too; wait for it, then stop the mock below.
    process.on("SIGINT", () => {});
    child.on("error", (error) => {
      console.error(error);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let code = 1;
try {
  code = await runExample();
} finally {
  await mock.close();
}
console.log(`(mock at ${mock.url} stopped; ${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exit(code);
