// Under Deno, reading a variable that was not granted prompts in a terminal (or throws):
// the client reads CHIRP_* only for options not given, and only once Deno says
// "granted". Deno's permission API is stood in for here; test/runtimes/ runs real Deno.
import { afterEach, describe, expect, it } from "vitest";
import { Chirp } from "../../src/index.js";
import { ADMIN_KEY, APP_KEY } from "./helpers.js";

const globals = globalThis as { Deno?: unknown };
const saved = { ...process.env };
afterEach(() => {
  delete globals.Deno;
  process.env = { ...saved };
});

function fakeDeno(granted: readonly string[]): string[] {
  const asked: string[] = [];
  globals.Deno = {
    permissions: {
      querySync: ({ variable }: { variable: string }) => {
        asked.push(variable);
        return { state: granted.includes(variable) ? "granted" : "prompt" };
      },
    },
  };
  return asked;
}

describe("environment under Deno", () => {
  it("does not touch the environment for options given", () => {
    const asked = fakeDeno([]);
    new Chirp({ appKey: APP_KEY, adminKey: ADMIN_KEY, baseUrl: "https://api.chirp.test", logLevel: "warn" });
    expect(asked).toEqual([]);
  });

  it("reads a variable only when Deno has granted it, without asking", async () => {
    process.env.CHIRP_APP_KEY = APP_KEY;
    process.env.CHIRP_ADMIN_KEY = ADMIN_KEY;
    const asked = fakeDeno(["CHIRP_APP_KEY"]);
    const chirp = new Chirp({
      baseUrl: "https://api.chirp.test",
      fetch: async () => {
        throw new Error("no request is sent in this test");
      },
    });
    expect(asked.sort()).toEqual(["CHIRP_ADMIN_KEY", "CHIRP_APP_KEY", "CHIRP_LOG"]);
    expect(chirp.isTestMode).toBe(true);
    // CHIRP_ADMIN_KEY is set but not granted: read as unset, so admin operations need a key.
    await expect(chirp.listOrganizationSmsMessages({})).rejects.toThrow(/adminKey/);
  });
});
