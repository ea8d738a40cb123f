// The generated operation table: the same facts as the spec, and lookups by any
// string are own-key lookups.
import { describe, expect, it } from "vitest";
import { Chirp, ChirpConfigError, type OperationInfo, operationGroups, operations } from "../../src/index.js";
import { spec, specOperations } from "../contract/spec.js";

describe("the operation table", () => {
  it("has every operation of the spec with its method, path, scheme and success status", () => {
    const ops = specOperations();
    expect(Object.keys(operations)).toHaveLength(ops.length);
    for (const op of ops) {
      const info = (operations as unknown as Record<string, OperationInfo>)[op.operationId];
      expect(info, op.operationId).toMatchObject({
        method: op.method.toUpperCase(),
        path: op.path,
        security: op.security,
        status: op.successStatus,
      });
    }
    expect(spec.openapi).toMatch(/^3\./);
  });

  it("carries list shapes and phone fields", () => {
    expect(operations.sendSms.phoneFields).toEqual(["from", "to"]);
    expect(operations.listOrganizationSmsMessages.list).toMatchObject({ style: "cursor", cursorParam: "cursor" });
  });

  it("keeps each operation's group (its last tag) apart, for the rate limiter only", () => {
    const paths = spec.paths as Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
    const tags = Object.values(paths).flatMap((item) =>
      Object.values(item).flatMap((op) =>
        op?.operationId ? [[op.operationId, op.tags?.at(-1) ?? null] as const] : [],
      ),
    );
    expect(Object.keys(operationGroups)).toEqual(Object.keys(operations));
    for (const [id, group] of tags) expect(operationGroups[id as keyof typeof operationGroups], id).toBe(group);
    expect(operationGroups.sendSms).toBe("SMS");
    expect(operations.sendSms).not.toHaveProperty("group");
    expect((operationGroups as unknown as Record<string, unknown>).toString).toBeUndefined();
  });

  it("finds nothing for names every object inherits", () => {
    const lookup = operations as unknown as Record<string, unknown>;
    for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]) {
      expect(lookup[name], name).toBeUndefined();
    }
  });
});

describe("the operation methods", () => {
  it("every operation is a method of a client, named after it, calling request", async () => {
    const chirp = new Chirp({ appKey: "sk_test_app_x" });
    const calls: unknown[][] = [];
    chirp.request = ((...args: unknown[]) => {
      calls.push(args);
      return Promise.resolve("ok");
    }) as typeof chirp.request;
    for (const id of Object.keys(operations)) {
      const method = (chirp as unknown as Record<string, (p: unknown) => Promise<unknown>>)[id];
      expect(typeof method, id).toBe("function");
      expect(method?.name).toBe(id);
      await expect(method?.call(chirp, { marker: id })).resolves.toBe("ok");
      expect(calls.at(-1)).toEqual([id, { marker: id }]);
    }
    // Methods live on the prototype and do not show as the client's own keys.
    expect(Object.keys(chirp)).not.toContain("sendSms");
  });
});

describe("names that are not operations", () => {
  it("request and paginate reject them with a ChirpConfigError naming the name, nothing sent", async () => {
    const sent: string[] = [];
    const chirp = new Chirp({
      appKey: "sk_test_app_x",
      fetch: async (url) => {
        sent.push(url);
        return new Response("{}");
      },
    });
    for (const name of ["toString", "constructor", "__proto__", "sendSmss"]) {
      const call = (chirp.request as (id: string) => Promise<unknown>)(name);
      await expect(call, name).rejects.toBeInstanceOf(ChirpConfigError);
      expect(() => (chirp.paginate as (id: string) => unknown)(name)).toThrow(ChirpConfigError);
      expect(() => (chirp.paginate as (id: string) => unknown)(name)).toThrow(JSON.stringify(name));
    }
    // a real operation that is not a list
    expect(() => (chirp.paginate as (id: string) => unknown)("sendSms")).toThrow(/not a list operation/);
    expect(sent).toEqual([]);
  });
});
