// examples/observability/traced.ts runs as an app runs it (node + tsx, chirp-sdk from the
// built dist/, CHIRP_LOG=debug from the environment) against a real loopback server that
// answers the GET 503 then 200 and the send 500: its log lines and span tree are checked.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { APP_KEY } from "../client/helpers.js";
import { type Loopback, PROFILE_ROUTE, scriptScenario, startLoopback } from "./loopback.js";

const root = join(import.meta.dirname, "../..");
let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

it("prints one line per attempt and call, and the span tree of the retried call", async () => {
  expect(existsSync(join(root, "dist/otel.js")), "dist/ is missing: run `npm run build` first").toBe(true);
  scriptScenario(server);
  // Retry-After: 0, so the example's real sleep before its retry waits no time.
  server.script(PROFILE_ROUTE, [
    {
      status: 503,
      body: { error: { type: "api_error", message: "busy" } },
      headers: { "retry-after": "0", "x-request-id": "req_503" },
    },
    { status: 200, body: { about: "Acme" }, headers: { "x-request-id": "req_200" } },
  ]);
  const env = { ...process.env, CHIRP_LOG: "debug", CHIRP_APP_KEY: APP_KEY, CHIRP_BASE_URL: server.baseUrl };
  const run = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(root, "examples/observability/traced.ts")],
      { cwd: root, env, encoding: "utf8" },
      (e, stdout, stderr) => resolve({ stdout, stderr, code: e ? Number((e as { code?: number }).code ?? 1) : 0 }),
    );
  });
  expect(run.code, run.stderr).toBe(0);
  const printed = `${run.stderr}${run.stdout}`;
  expect(printed).toMatch(
    /chirp callId=c\d+ operationId=getWhatsAppBusinessProfile method=GET path=\S+ attempt=1 status=503 error=ApiServerError durationMs=\d+ requestId=req_503 retryInMs=0\n/,
  );
  expect(printed).toMatch(/ attempt=2 status=200 durationMs=\d+ requestId=req_200\n/);
  expect(printed).toMatch(
    /operationId=sendSms method=POST path=\/v1\/sms attempt=1 status=500 error=ApiServerError errorCode=internal_error durationMs=\d+ requestId=req_500 notRetried=unsafe\n/,
  );
  expect(run.stdout).toContain("send failed: 500 internal_error, request id req_500");
  const tree = run.stdout.slice(run.stdout.indexOf("spans:"));
  expect(tree.split("\n").filter(Boolean)).toEqual([
    "spans:",
    "  POST /signup",
    "    chirp.getWhatsAppBusinessProfile",
    "      GET /v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile → 503 (error.type=503 request_id=req_503)",
    "      GET /v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile → 200 (resend_count=1 request_id=req_200)",
    "    chirp.sendSms (error.type=500 request_id=req_500)",
    "      POST /v1/sms → 500 (error.type=500 request_id=req_500)",
  ]);
  for (const secret of [APP_KEY.slice(12), "15559876543", "Your code is"]) expect(printed).not.toContain(secret);
});
