// The mutation suite (issue 22): realistic, valid upstream changes to the spec, each run
// through the whole pipeline in a throw-away copy of the repository — `spec:update`,
// typecheck, build — and then called from the BUILT package against a real HTTP
// server on loopback, asserting what arrived. The accepted mutations share one spec
// (test/pipeline/fixtures/spec-mutations.mjs `accepted`), so the suite pays for one
// update + typecheck + build, not one per construct; a refused mutation (two
// operationIds that name one method) must leave `git status` clean.
//
// Heavy on a small machine: every child process is asynchronous (a blocked worker
// misses vitest's RPC deadline) and the setup has a generous timeout.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root, sh } from "./workspace.js";

const { accepted, colliding, NEW_CODES } = (await import(
  pathToFileURL(join(root, "test/pipeline/fixtures/spec-mutations.mjs")).href
)) as {
  accepted(spec: unknown): unknown;
  colliding(spec: unknown): unknown;
  NEW_CODES: readonly string[];
};

const SETUP_TIMEOUT = 15 * 60_000;
const node = process.execPath;

interface Arrived {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
}

/** A loopback server that records every request and answers by path (and an `x-test-code` header for errors). */
function startServer(): Promise<{ server: Server; url: string; arrived: Arrived[] }> {
  const arrived: Arrived[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      arrived.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const code = req.headers["x-test-code"];
      if (typeof code === "string") {
        res.writeHead(402, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { type: "invalid_request_error", code, message: `answered ${code}` } }));
        return;
      }
      if (req.url?.endsWith("/content")) {
        res.writeHead(200, { "content-type": "image/png" });
        res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]));
        return;
      }
      if (req.url?.endsWith("/caption")) {
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        res.end("a cat on a mat");
        return;
      }
      res.writeHead(req.url === "/v1/uploads" ? 201 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "med_1", received: {} }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrived }),
    ),
  );
}

/** A copy of everything the pipeline reads and writes, as its own git repository (so `git status` means something). */
async function makeRepo(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "chirp-mutations-"));
  for (const entry of [
    "openapi",
    "scripts",
    "src",
    "redocly.yaml",
    "package.json",
    "tsconfig.json",
    "tsconfig.build.json",
    "tsup.config.ts",
  ]) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, ".gitignore"), "node_modules\ndist\n");
  await sh("git", ["init", "-q"], dir);
  await sh("git", ["add", "-A"], dir);
  await sh("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base"], dir);
  return dir;
}

/** Runs a pipeline script in `dir`; resolves with its status and output (never rejects). */
function run(dir: string, args: readonly string[]): Promise<{ status: number; out: string }> {
  return sh(node, args, dir).then(
    (out) => ({ status: 0, out }),
    (error: Error) => ({ status: 1, out: error.message }),
  );
}

describe("spec mutations, end to end (spec:update → typecheck → build → a call from dist/)", () => {
  let dir: string;
  let updateOut = "";
  let sdk: typeof import("../../src/index.js");
  let srv: Awaited<ReturnType<typeof startServer>>;
  let refused: { status: number; out: string; statusAfter: string };
  let refusedSync: { status: number; out: string; statusAfter: string; branches: string };

  beforeAll(async () => {
    dir = await makeRepo();
    const spec = JSON.parse(readFileSync(join(dir, "openapi/openapi.json"), "utf8"));

    // A refused construct first: nothing may be written.
    writeFileSync(join(dir, "colliding.json"), JSON.stringify(colliding(spec), null, 2));
    const r = await run(dir, ["scripts/spec-update.mjs", "colliding.json"]);
    refused = { ...r, statusAfter: await sh("git", ["status", "--porcelain"], dir) };
    const synced = await run(dir, ["scripts/spec-sync.mjs", "--from", "colliding.json", "--no-push"]);
    refusedSync = {
      ...synced,
      statusAfter: await sh("git", ["status", "--porcelain"], dir),
      branches: await sh("git", ["branch", "--list"], dir),
    };

    writeFileSync(join(dir, "mutated.json"), JSON.stringify(accepted(spec), null, 2));
    updateOut = await sh(node, ["scripts/spec-update.mjs", "mutated.json"], dir);
    mkdirSync(join(dir, "app"));
    cpSync(join(root, "test/pipeline/fixtures/mutation-app.ts.txt"), join(dir, "app/app.ts"));
    writeFileSync(
      join(dir, "app/tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { paths: {} }, include: ["../src", "."] }),
    );
    await sh(node, [join(root, "node_modules/typescript/bin/tsc"), "-p", "app/tsconfig.json", "--noEmit"], dir);
    await sh(node, [join(root, "node_modules/tsup/dist/cli-default.js")], dir);
    sdk = (await import(pathToFileURL(join(dir, "dist/index.js")).href)) as typeof sdk;
    srv = await startServer();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    if (srv) await new Promise((r) => srv.server.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const client = () => new sdk.Chirp({ appKey: "sk_test_app_x", baseUrl: srv.url, maxRetries: 0 });
  /** Calls method `name` of a fresh client (the built package's, so no static type knows it). */
  const call = (name: string, params?: unknown): Promise<unknown> => {
    const chirp = client() as unknown as Record<string, unknown>;
    const method = chirp[name];
    if (typeof method !== "function") throw new Error(`the built client has no method ${name}`);
    return (method as (p?: unknown) => Promise<unknown>).call(chirp, params);
  };
  const since = (n: number) => srv.arrived.slice(n);

  it("refuses two operationIds that name one method, by name, and leaves git status clean", () => {
    expect(refused.status).not.toBe(0);
    expect(refused.out).toContain("refused, nothing written");
    expect(refused.out).toContain('"sendSms" and "send-sms"');
    expect(refused.out).toContain("POST /v1/sms-again");
    expect(refused.statusAfter).toBe("?? colliding.json\n");
  });

  it("spec:sync refuses the same spec: nothing committed, no sync branch, git status clean", () => {
    expect(refusedSync.status).not.toBe(0);
    expect(refusedSync.out).toContain('"sendSms" and "send-sms"');
    expect(refusedSync.out).toContain("nothing was committed");
    expect(refusedSync.statusAfter).toBe("?? colliding.json\n");
    expect(refusedSync.branches).not.toContain("spec-sync/update");
  });

  it("spec:update accepted the rest and type-checked the regenerated code before writing", () => {
    expect(updateOut).toContain("Type-check of the regenerated code: passed.");
    expect(updateOut).toContain("Wrote openapi/openapi.json");
  });

  it("non-identifier operationIds: methods by the naming rule, request() by the spec's id", async () => {
    const n = srv.arrived.length;
    const body = { kind: "text", from: "+15551234567", to: "+15559876543", text: "hi" };
    await expect(call("sendSmsV2", { body })).resolves.toEqual({ id: "med_1", received: {} });
    await expect(call("messagesGet", { path: { messageId: "msg_1" } })).resolves.toMatchObject({ id: "med_1" });
    await expect(client().request("send-sms-v2" as never, { body } as never)).resolves.toMatchObject({ id: "med_1" });
    expect(since(n).map((a) => `${a.method} ${a.url}`)).toEqual([
      "POST /v1/sms-v2",
      "GET /v1/sms-v2/msg_1",
      "POST /v1/sms-v2",
    ]);
    expect(JSON.parse(since(n)[0]?.body.toString() ?? "")).toEqual(body);
    const proto = sdk.Chirp.prototype as unknown as Record<string, unknown>;
    expect(typeof proto.sendSmsV2).toBe("function");
    expect(proto["send-sms-v2"]).toBeUndefined();
  });

  it("a deprecated operation is documented as such in the built declarations", () => {
    const dts = readFileSync(join(dir, "dist/index.d.ts"), "utf8");
    const doc = dts.slice(0, dts.indexOf("messagesGet(params"));
    expect(doc.slice(doc.lastIndexOf("/**"))).toContain("@deprecated");
  });

  it("error codes named like Object.prototype members, and with a dash, are classes of their own", async () => {
    for (const [code, name] of [
      ["constructor", "ConstructorError"],
      ["__proto__", "ProtoError"],
      ["toString", "ToStringError"],
      ["quota-exceeded", "QuotaExceededError"],
    ] as const) {
      const Class = (sdk as unknown as Record<string, new () => Error>)[name];
      expect(Class, name).toBeTypeOf("function");
      const error = await call("sendSmsV2", {
        body: { kind: "text", from: "+15551234567", to: "+15559876543", text: "x" },
        headers: { "x-test-code": code },
      }).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(Class);
      expect((error as { code: string }).code).toBe(code);
    }
    expect([...sdk.errorCodes]).toEqual(expect.arrayContaining([...NEW_CODES]));
    const dts = readFileSync(join(dir, "dist/index.d.ts"), "utf8");
    expect(dts).toContain("@throws {QuotaExceededError | ConstructorError | ProtoError | ToStringError} 402");
  });

  it("a multipart upload sends the required X-App-Id header, a cookie, and the file as a part with fetch's boundary", async () => {
    const n = srv.arrived.length;
    const file = new File([new Uint8Array([0, 1, 2, 254, 255])], "cat.png", { type: "image/png" });
    await expect(
      call("uploadMedia", {
        header: { "X-App-Id": "app_42" },
        cookie: { session: "s 1" },
        body: { file, caption: "a cat" },
      }),
    ).resolves.toMatchObject({ id: "med_1" });
    const [got] = since(n);
    expect(got?.headers["x-app-id"]).toBe("app_42");
    expect(got?.headers.cookie).toBe("session=s%201");
    const type = String(got?.headers["content-type"]);
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(type)?.[1];
    expect(boundary, type).toBeTruthy();
    expect(got?.body.toString("latin1")).toContain(`--${boundary}--`);
    const form = await new Response(new Uint8Array(got?.body ?? []), { headers: { "content-type": type } }).formData();
    const part = form.get("file") as File;
    expect(part.name).toBe("cat.png");
    expect(part.type).toBe("image/png");
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([0, 1, 2, 254, 255]);
    expect(form.get("caption")).toBe("a cat");
  });

  it("a URL-encoded form is sent as one, arrays repeated", async () => {
    const n = srv.arrived.length;
    await call("submitOptOut", { body: { phone: "+15559876543", keywords: ["STOP", "END"] } });
    const [got] = since(n);
    expect(got?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(got?.body.toString()).toBe("phone=%2B15559876543&keywords=STOP&keywords=END");
  });

  it("binary and text responses are read as the spec's media type says", async () => {
    const blob = (await call("downloadUpload", { path: { uploadId: "u1" } })) as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe("image/png");
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    await expect(call("getUploadCaption", { path: { uploadId: "u1" } })).resolves.toBe("a cat on a mat");
  });

  it("a oneOf body gets the E.164 check in every branch, before sending", async () => {
    const n = srv.arrived.length;
    for (const body of [
      { kind: "text", from: "+15551234567", to: "555-1234", text: "x" },
      { kind: "template", from: "15551234567", to: "+15559876543", templateId: "t" },
    ]) {
      const error = await call("sendSmsV2", { body }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(sdk.ChirpValidationError);
    }
    expect(since(n)).toEqual([]);
  });

  it("an oauth2 operation is documented as needing that scheme and refused by name before sending", async () => {
    const n = srv.arrived.length;
    const error = await call("exportMedia").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.ChirpConfigError);
    expect((error as Error).message).toContain('"partnerOAuth"');
    expect(since(n)).toEqual([]);
    const dts = readFileSync(join(dir, "dist/index.d.ts"), "utf8");
    expect(dts).toContain("needs the `partnerOAuth` security scheme (oauth2), which this SDK does not support yet");
  });
});
