// Size budgets, checked in CI (timing goals live in BENCHMARKS.md, never here).
// The figures come from bench/sizes.mjs, the same code that writes BENCHMARKS.md.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apps, bundleSize, installedSizeOfChirp, ROOT } from "../bench/sizes.mjs";

// Issue 6's goal is 6 kB min+gzip for an app using the client with every method. The
// client is not there yet (BENCHMARKS.md breaks the figure down), so CI holds the line
// at today's size plus a little headroom: growth fails the build, shrinking is
// welcome, and the ceiling comes down as the bundle does.
const BUNDLE_GOAL = 6_000;
const BUNDLE_BUDGET = 18_000;
// npm pack's unpacked size (both builds, declarations, source maps, the spec) plus
// openapi-fetch and its one dependency, installed.
const INSTALLED_BUDGET = 2_500_000;

// Issue 14's apps, measured as an app installs chirp-sdk: bundled from the built
// dist/index.js. Bundled from src/, esbuild drops whole unused modules (package.json
// says sideEffects: false), so the webhook-only app measures 2.6 kB there while the
// published file gives 16.9 kB: work done at the top level of dist/index.js stays in
// every bundle, and that is the cost the issue is about. Each budget is today's figure
// plus about 0.5 kB, to be brought down to its goal as the restructure lands.
const LEAN_APPS = [
  {
    app: "chirp-sdk+paginate+errors",
    goal: 8_000,
    budget: 16_600,
    // The pagination shape and the error classes by name: strings only the library brings.
    contains: ["nextCursor", "template_not_found", '"TemplateNotFoundError"', '"RateLimitError"', '"ChirpApiError"'],
  },
  {
    app: "chirp-sdk webhooks",
    goal: 4_000,
    budget: 17_400,
    // The app builds no Response and names no error class: the receiver is really in.
    contains: ["new Response(", '"WebhookVerificationError"'],
  },
  {
    // Needs `rateLimiter` exported from chirp-sdk (issue 14's option form): until then
    // this app does not bundle and the test fails. With today's `rateLimit: true` the
    // same app is 16.0 kB.
    app: "chirp-sdk+rate-limit+batch",
    goal: 12_000,
    budget: 16_600,
    // A bucket name of the limiter's default budgets, and a batch result's status.
    contains: ['"app-management"', '"fulfilled"'],
  },
] as const;

function builtEntry(): string {
  const entry = join(ROOT, "dist/index.js");
  expect(existsSync(entry), "dist/ is missing: run `npm run build` first").toBe(true);
  return entry;
}

describe("size budgets", () => {
  it(`bundles an app using the client for browsers in ≤ ${BUNDLE_BUDGET / 1000} kB min+gzip`, async () => {
    const { gzip, code } = await bundleSize(apps["chirp-sdk"]);
    // The client really is in the bundle, every method with it: the figure cannot pass by measuring nothing.
    expect(code).toContain("getWhatsAppBusinessProfile");
    expect(code).toContain("listOrganizationSmsMessages");
    expect(gzip, `min+gzip ${gzip} B (goal ${BUNDLE_GOAL} B)`).toBeLessThanOrEqual(BUNDLE_BUDGET);
  });

  it("keeps browser bundles free of Node built-ins", async () => {
    const { code } = await bundleSize(apps["chirp-sdk"]);
    expect(code).not.toMatch(/["']node:/);
  });

  for (const { app, goal, budget, contains } of LEAN_APPS) {
    it(`bundles the ${app} app from dist/ in ≤ ${budget / 1000} kB min+gzip (goal ${goal / 1000} kB)`, async () => {
      const { gzip, code } = await bundleSize(apps[app], builtEntry());
      for (const text of contains) expect(code).toContain(text);
      expect(code).not.toMatch(/["']node:/);
      expect(gzip, `min+gzip ${gzip} B (goal ${goal} B)`).toBeLessThanOrEqual(budget);
    });
  }

  it(`installs in ≤ ${INSTALLED_BUDGET / 1e6} MB with its dependencies`, () => {
    expect(existsSync(join(ROOT, "dist/index.js")), "dist/ is missing: run `npm run build` first").toBe(true);
    const { own, deps, files } = installedSizeOfChirp();
    expect(files).toContain("dist/index.js");
    expect(deps, "openapi-fetch is installed and counted").toBeGreaterThan(0);
    expect(own + deps, `package ${own} B + dependencies ${deps} B`).toBeLessThanOrEqual(INSTALLED_BUDGET);
  });
});
