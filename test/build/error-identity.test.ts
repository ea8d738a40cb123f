// One class per error across every entry of the BUILT package, in both module
// formats: an error thrown through chirp-sdk/webhooks, chirp-sdk/rate-limit or
// chirp-sdk/testing is `instanceof` the class the main entry exports. tsup bundles
// each entry on its own unless it splits shared code into chunks (tsup.config.ts);
// without that, each entry carried its own ChirpError family (issue 21.1).
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../bench/sizes.mjs";

const FIXTURE = join(import.meta.dirname, "fixtures", "error-identity.mjs");

interface Described {
  readonly name: string;
  readonly message: string;
  readonly isChirpError: boolean;
}

interface Found {
  readonly copies: string[];
  readonly webhook: Described & { readonly isVerificationError: boolean };
  readonly testing: Described & { readonly isConfigError: boolean };
  readonly batch: (Described & { readonly status: string; readonly isAbortError: boolean })[];
  readonly arrived: number;
}

/** Runs the fixture in a child Node process that loads the built entries in `format`. */
function inChild(format: "esm" | "cjs"): Promise<Found> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [FIXTURE, format], { cwd: ROOT, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${format} child failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout) as Found);
    });
  });
}

beforeAll(() => {
  expect(existsSync(join(ROOT, "dist/index.js")), "dist/ is missing: run `npm run build` first").toBe(true);
});

describe.each(["esm", "cjs"] as const)("the built package (%s)", (format) => {
  let found: Found;
  beforeAll(async () => {
    found = await inChild(format);
  }, 60_000);

  it("exports one value per name: what chirp-sdk/webhooks and chirp-sdk/rate-limit share with the main entry is the same class", () => {
    expect(found.copies).toEqual([]);
  });

  it("a WebhookVerificationError thrown via chirp-sdk/webhooks is instanceof the main entry's classes", () => {
    expect(found.webhook).toMatchObject({
      name: "WebhookVerificationError",
      isChirpError: true,
      isVerificationError: true,
    });
  });

  it("a ChirpConfigError thrown by chirp-sdk/testing is instanceof the main entry's ChirpConfigError", () => {
    expect(found.testing).toMatchObject({ name: "ChirpConfigError", isChirpError: true, isConfigError: true });
  });

  it("sendSmsBatch through a rateLimiter() from chirp-sdk/rate-limit, aborted, rejects each message with the main ChirpAbortError", () => {
    // One send reached the server; the other waited in the limiter's queue (maxConcurrent 1).
    expect(found.arrived).toBe(1);
    expect(found.batch).toHaveLength(2);
    for (const result of found.batch) {
      expect(result).toMatchObject({
        status: "rejected",
        name: "ChirpAbortError",
        isChirpError: true,
        isAbortError: true,
      });
      expect(result.message).not.toContain("Unexpected failure");
    }
  });
});

describe("the built files", () => {
  it.each([".js", ".cjs"])("define each error class once among the %s files", (ext) => {
    const files = readdirSync(join(ROOT, "dist")).filter((f) => f.endsWith(ext));
    for (const name of ["ChirpError", "ChirpAbortError", "ChirpApiError", "WebhookVerificationError"]) {
      const defining = files.filter((f) => readFileSync(join(ROOT, "dist", f), "utf8").includes(`var ${name} = class`));
      expect(defining, `${name} is defined in ${defining.join(", ")}`).toHaveLength(1);
    }
  });
});
