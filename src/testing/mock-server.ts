/// <reference types="node" />
// A Prism mock of the Chirp API, started from the spec shipped inside this package,
// for an app's own tests. Node only, and loaded only through "chirp-sdk/testing":
// the main entry never imports this file, so browser bundles stay free of it.
//
// Prism is an optional peer dependency, spawned as a child process rather than
// imported: its CLI runs in its own process, so its logging and its dependencies
// never touch the test runner, and close() can always stop it.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeForPrism } from "./find-node.js";
import { startLastPageProxy } from "./last-page-proxy.js";

/** Options of `startMockServer`. Every one is optional. */
export interface MockServerOptions {
  /** The OpenAPI document to mock. @default the spec shipped in chirp-sdk (openapi/openapi.json) */
  readonly spec?: string | undefined;
  /** Loopback host to listen on. @default "127.0.0.1" */
  readonly host?: string | undefined;
  /** Port of the returned `url` (the proxy's, or Prism's with `endLists: false`); 0 picks a free one. @default 0 */
  readonly port?: number | undefined;
  /** Generate responses from the schemas (json-schema-faker) instead of their examples. @default false */
  readonly dynamic?: boolean | undefined;
  /** How long to wait for Prism to start, in ms. @default 30000 */
  readonly startTimeout?: number | undefined;
  /**
   * Answer a cursor-list request that carries a cursor with the last page (next cursor
   * null), so `paginate` over the mock ends instead of meeting the same cursor again.
   * @default true
   */
  readonly endLists?: boolean | undefined;
  /** The Node.js binary that runs Prism. @default this process under Node; under Deno and Bun, `node` on PATH */
  readonly node?: string | undefined;
}

/** A running mock: point `new Chirp({ baseUrl: url })` at it, and `close()` it when done. */
export interface MockServer {
  /** Base URL of the mock, e.g. "http://127.0.0.1:53124". */
  readonly url: string;
  /** Stops Prism and resolves once its process has exited. Safe to call twice. */
  close(): Promise<void>;
}

const INSTALL_HINT =
  'chirp-sdk/testing needs Prism, an optional peer dependency: run "npm install --save-dev @stoplight/prism-cli"';

// Runs the Prism CLI in-process and exits when its stdin closes, which happens when
// the parent dies, however it dies (a signal, a closed pipe) — so no orphan survives.
const WATCHDOG = [
  "const [bin, ...rest] = process.argv.slice(1);",
  "process.stdin.on('close', () => process.exit(0)).resume();",
  "process.argv = [process.argv[0], bin, ...rest];",
  "require(bin);",
].join("\n");

/** This module's directory, in the ESM build, the CJS build and from source alike. */
function here(): string {
  // tsup's shims give import.meta.url a value in the CommonJS build.
  return dirname(fileURLToPath(import.meta.url));
}

/** The spec shipped in the package: the nearest openapi/openapi.json above this file. */
export function bundledSpecPath(): string {
  for (let dir = here(); ; dir = dirname(dir)) {
    const candidate = join(dir, "openapi", "openapi.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error("chirp-sdk/testing: openapi/openapi.json not found in the package.");
  }
}

/** The Prism CLI script, resolved from this package so an app's install of the peer is found. */
function prismBin(): string {
  const require = createRequire(join(here(), "noop.js"));
  let manifestPath: string;
  try {
    manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  } catch (cause) {
    throw new Error(`${INSTALL_HINT}.`, { cause });
  }
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: string | Record<string, string> };
  const script = typeof bin === "string" ? bin : bin.prism;
  if (!script) throw new Error(`chirp-sdk/testing: @stoplight/prism-cli has no "prism" bin. ${INSTALL_HINT}.`);
  return resolve(dirname(manifestPath), script);
}

/** A port that is free right now: the OS picks one for a throwaway listener. */
function freePort(host: string): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => child.once("exit", () => ok()));
}

/** Resolves once Prism says it listens; rejects when it exits first or takes too long. */
function whenListening(child: ChildProcess, timeout: number): Promise<void> {
  return new Promise((ok, fail) => {
    let tail = "";
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-4000);
      if (tail.includes("Prism is listening")) done();
    };
    const onExit = (code: number | null) => done(new Error(`Prism exited (code ${code}) before listening:\n${tail}`));
    const timer = setTimeout(() => done(new Error(`Prism did not start within ${timeout} ms:\n${tail}`)), timeout);
    function done(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      // Keep draining: Prism logs every request, and a full pipe would stall it.
      child.stdout?.resume();
      child.stderr?.resume();
      if (error) fail(error);
      else ok();
    }
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

/**
 * Starts a Prism mock of the Chirp API on a free loopback port. Prism checks each
 * request against the spec (problems come back in the `sl-violations` header) and
 * answers from the spec's examples; `Prefer: code=404` picks a documented status
 * (`mockAnswer` builds that header, typed). A small loopback proxy in front of it makes
 * cursor lists end (see last-page-proxy.ts); `url` is the proxy's.
 * @example
 * const mock = await startMockServer();
 * const chirp = new Chirp({ appKey: "sk_test_app_x", baseUrl: mock.url });
 * await chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } });
 * await mock.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? "127.0.0.1";
  const spec = options.spec ?? bundledSpecPath();
  // `port` is the URL the caller gets: the proxy's when it runs (the default), so Prism behind it takes a free one.
  const proxied = options.endLists !== false;
  const port = (!proxied && options.port) || (await freePort(host));
  const args = [prismBin(), "mock", "--host", host, "--port", String(port), spec];
  if (options.dynamic) args.push("--dynamic");
  const child = spawn(nodeForPrism(options.node), ["-e", WATCHDOG, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    windowsHide: true,
  });
  // A test run that ends without close() must not leave Prism behind: the exit hook
  // covers a normal exit, the watchdog a parent killed by a signal.
  const killOnExit = () => child.kill();
  process.once("exit", killOnExit);
  const close = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited(child);
  };
  try {
    await whenListening(child, options.startTimeout ?? 30_000);
  } catch (error) {
    await close();
    throw error;
  }
  const prismUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (!proxied) return { url: prismUrl, close };
  const proxy = await startLastPageProxy(prismUrl, host, options.port ?? 0).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return {
    url: proxy.url,
    close: async () => {
      await proxy.close();
      await close();
    },
  };
}
