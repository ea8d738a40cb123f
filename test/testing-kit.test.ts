// chirp-sdk/testing as an app sees it: imported by the package's own name, so it
// runs the built dist/ (npm run check builds before testing) through `exports`.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// By name at run time (the built package); types from source, so that typechecking
// does not need dist/ to exist yet.
const load = (name: string): Promise<unknown> => import(name);
const { Chirp, InvalidRequestError } = (await load("chirp-sdk")) as typeof import("../src/index.js");
const { startMockServer } = (await load("chirp-sdk/testing")) as typeof import("../src/testing/index.js");
type Chirp = import("../src/index.js").Chirp;

const root = new URL("../", import.meta.url).pathname;

describe("chirp-sdk/testing: startMockServer", () => {
  const started = startMockServer();
  afterAll(async () => (await started).close());

  it("serves the shipped spec on a loopback port: an app's Chirp code runs against it", async () => {
    const mock = await started;
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const chirp = new Chirp({ appKey: "sk_test_app_kit", baseUrl: mock.url });
    const sms = await chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } });
    expect(sms.id).toMatch(/^msg_sms_/);
  });

  it("checks requests against the spec: a body missing a required field is refused", async () => {
    const chirp = new Chirp({ appKey: "sk_test_app_kit", baseUrl: (await started).url, maxRetries: 0 });
    const body = { from: "+15551234567", text: "Hi" } as unknown as Parameters<Chirp["sendSms"]>[0]["body"];
    await expect(chirp.sendSms({ body })).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it("close() stops Prism: the port refuses connections afterwards, and a second close() is harmless", async () => {
    const mock = await startMockServer();
    await mock.close();
    await mock.close();
    await expect(fetch(`${mock.url}/v1/organization/apps`)).rejects.toThrow();
  });
});

describe("chirp-sdk/testing: packaging", () => {
  it("the main entry never loads Prism or Node-only modules", () => {
    // The entry and every chunk it loads (the build splits code shared by entries into chunks).
    const loaded = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      const code = readFileSync(join(root, "dist", file), "utf8");
      for (const [, chunk] of code.matchAll(/(?:from |import |require\()["']\.\/([^"']+)["']/g))
        loaded(chunk as string, seen);
      return seen;
    };
    for (const entry of ["index.js", "index.cjs"]) {
      const files = loaded(entry);
      expect(files.size, `${entry} loads its chunks`).toBeGreaterThan(1);
      for (const file of files) {
        const code = readFileSync(join(root, "dist", file), "utf8");
        expect(code, file).not.toMatch(/prism-cli|node:child_process|node:net|startMockServer/);
      }
    }
  });

  it("without Prism installed, it says how to install it", async () => {
    // A copy of the built kit where no node_modules is reachable, as in an app without the peer.
    const dir = mkdtempSync(join(tmpdir(), "chirp-kit-"));
    try {
      // The whole of dist/: the kit's entry loads the chunks it shares with the other entries.
      cpSync(join(root, "dist"), join(dir, "dist"), { recursive: true });
      cpSync(join(root, "openapi/openapi.json"), join(dir, "openapi/openapi.json"));
      const script = `import("./dist/testing.js").then((m) => m.startMockServer()).then(() => process.exit(3), (e) => { console.log(e.message); })`;
      const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: dir });
      expect(stdout).toContain("npm install --save-dev @stoplight/prism-cli");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
