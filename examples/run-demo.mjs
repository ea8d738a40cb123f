// `npm run demo`: starts the embedded Prism mock from the built package
// (chirp-sdk/testing), runs examples/quickstart.ts against it with test keys,
// stops the mock, and exits with the example's code. No key, no network.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockServer } from "chirp-sdk/testing";

const started = performance.now();
const example = fileURLToPath(new URL("./quickstart.ts", import.meta.url));

// The vendored spec documents sendWhatsAppTemplate's 404 but gives it no example
// body, so Prism would invent one with some other code. The demo's copy of the
// spec adds the body the error-codes reference documents for an unknown template
// (API-BEHAVIOUR §1.3, §7) as a named example; the quickstart asks for it with
// `Prefer: code=404, example=template_not_found`. Nothing else is changed.
const spec = JSON.parse(readFileSync(fileURLToPath(new URL("../openapi/openapi.json", import.meta.url)), "utf8"));
spec.paths["/v1/whatsapp/templates/send"].post.responses["404"].content["application/json"].examples = {
  template_not_found: {
    summary: "Unknown or unapproved template (documented in the error-codes reference)",
    value: {
      error: {
        type: "invalid_request_error",
        code: "template_not_found",
        message: 'Template "no_such_template" (en_US) was not found or is not approved.',
        doc_url: "https://docs.buildwithchirp.com/api_reference/error-codes#template_not_found",
        param: "templateName",
      },
    },
  },
};
const specDir = mkdtempSync(join(tmpdir(), "chirp-demo-"));
writeFileSync(join(specDir, "openapi.json"), JSON.stringify(spec));
const mock = await startMockServer({ spec: join(specDir, "openapi.json") });

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
  rmSync(specDir, { recursive: true, force: true });
}
console.log(`(mock at ${mock.url} stopped; ${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exit(code);
