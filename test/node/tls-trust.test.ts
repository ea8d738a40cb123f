// Certificates: a server whose certificate comes from a CA the process does not trust is
// a clear, final (never retried) ChirpConnectionError naming the host — directly and
// through a proxy tunnel, as behind a TLS-inspecting proxy; `ca` adds that CA, and
// NODE_EXTRA_CA_CERTS (read by Node at startup) keeps working alongside `ca`.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { certificateCode } from "../../src/certificate-failure.js";
import { Chirp, ChirpConnectionError, type FetchLike } from "../../src/index.js";
import { createNodeFetch, type NodeFetchOptions } from "../../src/node/http-fetch.js";
import { loopbackCert } from "../fixtures/loopback-tls.js";
import { finished } from "../fixtures/process.js";
import { testCaCert } from "../fixtures/test-ca.js";
import { api, closeAll, forwardProxy } from "./loopback-servers.js";

const APP_KEY = "sk_test_app_0123456789abcdef";
const PROFILE = { path: { phoneNumberId: "wapn_1" } };

afterEach(async () => {
  vi.unstubAllEnvs();
  await closeAll();
});

function client(baseUrl: string, options: NodeFetchOptions, count: { attempts: number }) {
  const inner = createNodeFetch(options);
  const fetch: FetchLike = (url, init) => {
    count.attempts++;
    return inner(url, init);
  };
  return new Chirp({ appKey: APP_KEY, baseUrl, fetch, sleep: async () => {}, maxRetries: 2 });
}

/** The `node` on PATH that is not a devDependency's (npx puts node_modules/.bin, and its Node 22, first). */
function systemNode(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir.includes("node_modules") || dir === "") continue;
    if (existsSync(join(dir, "node"))) return join(dir, "node");
  }
  return process.execPath;
}

describe("createNodeFetch and certificates", () => {
  it("a certificate from an unknown CA is a final ChirpConnectionError naming the host, even for a GET", async () => {
    const target = await api("https");
    const count = { attempts: 0 };
    const error = await client(target.baseUrl, { proxy: false }, count)
      .getWhatsAppBusinessProfile(PROFILE)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error).toMatchObject({ family: "connection", sent: "not-sent", host: `127.0.0.1:${target.port}` });
    expect(error.message).toContain(`the TLS certificate of 127.0.0.1:${target.port} is not trusted`);
    expect(error.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/);
    expect(error.message).toContain("createNodeFetch({ ca })");
    // A GET is retried after other connection failures (maxRetries: 2), never after this one.
    expect(count.attempts).toBe(1);
    expect(target.connections()).toBe(1);
    expect(target.seen).toHaveLength(0);
  });

  it("the global fetch's certificate failure is final too (the transport's rule, for every fetch)", async () => {
    const target = await api("https");
    let attempts = 0;
    const chirp = new Chirp({
      appKey: APP_KEY,
      baseUrl: target.baseUrl,
      fetch: (url, init) => {
        attempts++;
        return fetch(url, init);
      },
      sleep: async () => {},
      maxRetries: 2,
    });
    const error = await chirp.getWhatsAppBusinessProfile(PROFILE).catch((e) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error).toMatchObject({ sent: "not-sent", host: `127.0.0.1:${target.port}`, attempts: 1 });
    expect(error.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/);
    expect(attempts).toBe(1);
  });

  // The shapes each runtime's fetch rejects with for a server signed by an unknown CA, as
  // recorded against this file's server: Node 20 (undici), Bun 1.4.5, Deno 2.9.5.
  it.each([
    [
      "Node",
      Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("unable to verify the first certificate"), {
          code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        }),
      }),
    ],
    [
      "Bun",
      Object.assign(new TypeError("unable to verify the first certificate"), {
        code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      }),
    ],
    [
      "Deno",
      new TypeError("fetch failed", {
        cause: new Error(
          "error sending request for url (https://127.0.0.1:37475/): client error (Connect): invalid peer certificate: UnknownIssuer",
        ),
      }),
    ],
  ])("recognises %s's certificate failure, and not a refused connection", (_runtime, error) => {
    expect(certificateCode(error)).toBeDefined();
    expect(
      certificateCode(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" })),
    ).toBeUndefined();
    expect(
      certificateCode(
        new TypeError("fetch failed", {
          cause: new Error("client error (Connect): tcp connect error: Connection refused"),
        }),
      ),
    ).toBeUndefined();
  });

  it("the same through a proxy tunnel (a TLS-inspecting proxy's certificate looks like this)", async () => {
    const target = await api("https");
    const proxy = await forwardProxy();
    const count = { attempts: 0 };
    const error = await client(target.baseUrl, { proxy: proxy.url }, count)
      .getWhatsAppBusinessProfile(PROFILE)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error.message).toContain(`the TLS certificate of 127.0.0.1:${target.port} is not trusted`);
    expect(count.attempts).toBe(1);
    expect(proxy.log.connects).toEqual([`127.0.0.1:${target.port}`]);
  });

  it("`ca` trusts that CA, directly and through the tunnel", async () => {
    const target = await api("https");
    const proxy = await forwardProxy();
    const count = { attempts: 0 };
    await expect(
      client(target.baseUrl, { proxy: false, ca: testCaCert }, count).getWhatsAppBusinessProfile(PROFILE),
    ).resolves.toMatchObject({ ok: true });
    await expect(
      client(
        target.baseUrl,
        { proxy: proxy.url, ca: [loopbackCert, Buffer.from(testCaCert)] },
        count,
      ).getWhatsAppBusinessProfile(PROFILE),
    ).resolves.toMatchObject({ ok: true });
    expect(count.attempts).toBe(2);
    expect(target.seen).toHaveLength(2);
  });

  it("`ca` and your own agents together is a ChirpConfigError", async () => {
    const { Agent } = await import("node:https");
    expect(() => createNodeFetch({ ca: testCaCert, httpsAgent: new Agent() })).toThrow(/either `proxy`\/`ca`/);
  });

  // Node 22.15+ reports its own default store (tls.getCACertificates); Node 20 does not, and
  // tls-trust.ts reads NODE_EXTRA_CA_CERTS itself there: both paths run, on each Node at hand.
  const nodes = [
    ["the system Node (first on PATH outside node_modules)", systemNode()],
    ["this Node", process.execPath],
    ["Node 24", resolve("node_modules/node24/bin/node")],
  ].filter(([, path], i, all) => existsSync(path as string) && all.findIndex(([, p]) => p === path) === i);

  it.each(nodes)(
    "NODE_EXTRA_CA_CERTS (read by Node at startup) is trusted, and `ca` adds to it instead of replacing it (%s)",
    async (_name, node) => {
      const target = await api("https");
      const dir = mkdtempSync(join(tmpdir(), "chirp-extra-ca-"));
      try {
        const caFile = join(dir, "test-ca.pem");
        writeFileSync(caFile, testCaCert);
        const script = join(dir, "call.mts");
        const module = pathToFileURL(resolve("src/node/http-fetch.ts")).href;
        // Three calls from a fresh Node process: no `ca`, an unrelated `ca`, and a direct
        // node:https request with Node's own `ca` option (which replaces the store: it fails).
        writeFileSync(
          script,
          `import { request } from "node:https";
import { createNodeFetch } from ${JSON.stringify(module)};
const url = ${JSON.stringify(`${target.baseUrl}/v1/ping`)};
const status = (p) => p.then((r) => r.status, (e) => "error " + (e.code ?? e.message));
const own = await new Promise((done) => {
  const req = request(url, { ca: ${JSON.stringify(loopbackCert)} }, (res) => { res.resume(); done(res.statusCode); });
  req.on("error", (e) => done("error " + e.code));
  req.end();
});
console.log(JSON.stringify({
  version: process.version,
  plain: await status(createNodeFetch({ proxy: false })(url, { method: "GET" })),
  withCa: await status(createNodeFetch({ proxy: false, ca: ${JSON.stringify(loopbackCert)} })(url, { method: "GET" })),
  nodeCaOption: own,
}));
process.exit(0);
`,
        );
        const child = spawn(node as string, ["--import", "tsx", script], {
          env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, NODE_USE_ENV_PROXY: "" },
          stdio: ["ignore", "pipe", "pipe"],
        });
        const done = await finished(child);
        expect(done.err).toBe("");
        expect(JSON.parse(done.out)).toEqual({
          version: expect.any(String),
          plain: 200,
          withCa: 200,
          nodeCaOption: expect.stringMatching(/^error (SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/),
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
