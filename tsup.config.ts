import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

// ESM (.js) and CommonJS (.cjs) builds, each with its own declarations
// (.d.ts / .d.cts) so that `types` resolve under node16 and bundler alike.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    webhooks: "src/webhooks.ts",
    "rate-limit": "src/rate-limit.ts",
    node: "src/node/http-fetch.ts",
    redis: "src/redis.ts",
    testing: "src/testing/index.ts",
    otel: "src/otel/index.ts",
  },
  // The User-Agent's version (src/user-agent.ts), from package.json: never typed by hand.
  define: { __CHIRP_VERSION__: JSON.stringify(version) },
  format: ["esm", "cjs"],
  dts: { compilerOptions: { types: [] } },
  tsconfig: "tsconfig.build.json",
  target: "es2022",
  platform: "neutral",
  // No source maps in the package: they doubled its installed size, and the JS is
  // unminified, readable and comment-preserving as it is.
  sourcemap: false,
  clean: true,
  // Code shared by entries goes to chunks that every entry imports, in both formats (tsup
  // splits CJS too when asked): one ChirpError family per format, so an error thrown through
  // chirp-sdk/webhooks, chirp-sdk/rate-limit or chirp-sdk/testing is `instanceof` the main
  // entry's class (each entry bundled on its own carried copies; test/build/error-identity.test.ts).
  splitting: true,
  treeshake: true,
  // chirp-sdk/testing finds its files from import.meta.url, which the CJS build lacks without this shim.
  shims: true,
  // tsup strips `node:` by default. Kept, a browser bundler that meets chirp-sdk/node or
  // chirp-sdk/testing reports a Node-only module instead of a missing "http" package, and
  // runtimes that want the prefix (Deno outside npm packages, workerd) resolve it.
  removeNodeProtocol: false,
  // The testing kit loads Prism lazily and only in Node; nothing of it is bundled.
  // Node's built-ins (the testing kit, chirp-sdk/node's node:http transport and its
  // decompression) are imported, never bundled: a list of names went stale each time
  // one more was used.
  external: ["@stoplight/prism-cli", /^node:/],
});
