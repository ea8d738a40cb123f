// src/generated/openapi.ts is written in fewer syntax nodes than openapi-typescript writes
// it (scripts/lib/shared-responses.mjs, scripts/lib/compact-types.mjs: issue 22, what an
// app compiles at 20× the spec). These tests hold that to "the same types": both forms are
// generated from the vendored spec and a strict tsc run requires every path, operation
// and schema of one to be mutually assignable with the other's.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "./workspace.js";

type Spec = Record<string, unknown> & {
  paths: Record<string, Record<string, { responses?: Record<string, Record<string, unknown>> }>>;
  components: Record<string, Record<string, unknown>>;
};

const generate = (await import(pathToFileURL(join(root, "scripts/generate.mjs")).href)) as {
  typesFile(spec: unknown, options?: { compact?: boolean }): Promise<string>;
};
const { withSharedResponses } = (await import(pathToFileURL(join(root, "scripts/lib/shared-responses.mjs")).href)) as {
  withSharedResponses(spec: Spec): Spec;
};

const readSpec = (): Spec => JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));

/** A strict program that compiles only when `./plain.js` and `./compact.js` declare the same types. */
const SAME = `import type * as Plain from "./plain.js";
import type * as Compact from "./compact.js";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;
type Each<A, B> = { [K in keyof A & keyof B]: Same<A[K], B[K]> }[keyof A & keyof B];

export type Keys = Check<Same<keyof Plain.operations, keyof Compact.operations>>;
export type PathKeys = Check<Same<keyof Plain.paths, keyof Compact.paths>>;
export type Operations = Check<Each<Plain.operations, Compact.operations>>;
export type Paths = Check<Each<Plain.paths, Compact.paths>>;
export type Schemas = Check<Each<Plain.components["schemas"], Compact.components["schemas"]>>;
// Operation by operation and status: an elaborate response type that fails shows here by name.
export type Responses = Check<
  {
    [K in keyof Plain.operations]: Each<Plain.operations[K]["responses"], Compact.operations[K & keyof Compact.operations]["responses"]>;
  }[keyof Plain.operations]
>;
export type Parameters = Check<
  {
    [K in keyof Plain.operations]: Each<Plain.operations[K]["parameters"], Compact.operations[K & keyof Compact.operations]["parameters"]>;
  }[keyof Plain.operations]
>;
`;

/** A strict compiler setup (as an app's, without libraries' types) over same.ts only. */
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
  },
  files: ["same.ts"],
};

function tsc(dir: string) {
  const r = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", dir], {
    encoding: "utf8",
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("the compact openapi.ts", () => {
  let dir: string;
  let plain: string;
  let compact: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chirp-compact-"));
    const spec = readSpec();
    plain = await generate.typesFile(spec, { compact: false });
    compact = await generate.typesFile(spec);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
    writeFileSync(join(dir, "plain.ts"), plain);
    writeFileSync(join(dir, "compact.ts"), compact);
    writeFileSync(join(dir, "same.ts"), SAME);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is what src/generated/openapi.ts holds, and is smaller than openapi-typescript's own output", () => {
    expect(readFileSync(join(root, "src/generated/openapi.ts"), "utf8")).toBe(compact);
    expect(compact).toContain("parameters: NoParameters;");
    expect(compact).toContain(": ApiErrorResponse;");
    expect(compact.length).toBeLessThan(plain.length * 0.9);
  });

  it("declares the same paths, operations and schemas as openapi-typescript's own output", () => {
    const r = tsc(dir);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });

  it("would fail the check above if a status's type differed (the check is real)", () => {
    // sendSms's 400 as a success body instead of the ApiError envelope: one status of one operation.
    const changed = compact.replace(
      /(sendSms: \{[\s\S]*?\n {12}400: )ApiErrorResponse;/,
      '$1{ headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["SendSmsResponse"] } };',
    );
    expect(changed).not.toBe(compact);
    writeFileSync(join(dir, "compact.ts"), changed);
    try {
      const r = tsc(dir);
      expect(r.status).not.toBe(0);
      expect(r.output).toContain("same.ts");
    } finally {
      writeFileSync(join(dir, "compact.ts"), compact);
    }
  });
});

describe("withSharedResponses (what openapi-typescript is given)", () => {
  const spec = readSpec();
  const shared = withSharedResponses(spec);

  it("references each repeated response shape, keeping every operation's description", () => {
    const before = spec.paths["/v1/sms"]?.post?.responses?.["400"];
    const after = shared.paths["/v1/sms"]?.post?.responses?.["400"];
    expect(after).toEqual({ $ref: "#/components/responses/ApiError", description: before?.description });
    expect(shared.components.responses?.ApiError).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } },
    });
  });

  it("leaves the spec it is given, responses with headers and declared responses alone", () => {
    expect(readSpec()).toEqual(spec);
    // The spec's own RateLimitExceeded (it has headers) is still itself, and still referenced.
    expect(shared.components.responses?.RateLimitExceeded).toEqual(spec.components.responses?.RateLimitExceeded);
    expect(shared.paths["/v1/sms"]?.post?.responses?.["429"]).toEqual({
      $ref: "#/components/responses/RateLimitExceeded",
    });
  });

  it("never overwrites a response the spec declares under the same name", () => {
    const clash = readSpec();
    clash.components.responses = { ...clash.components.responses, ApiError: { description: "the spec's own" } };
    const out = withSharedResponses(clash);
    expect(out.components.responses?.ApiError).toEqual({ description: "the spec's own" });
    expect(out.paths["/v1/sms"]?.post?.responses?.["400"]?.$ref).toBe("#/components/responses/ApiError2");
  });
});
