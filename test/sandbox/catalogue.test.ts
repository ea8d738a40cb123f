// The sandbox's build-time catalogue against the spec: it covers every operation, every
// example and success sample it holds is valid against the spec's schema (ajv), and
// every operation called the way its own schema describes is answered with its
// documented success status and a body the spec accepts.
import { describe, expect, it } from "vitest";
import { sample } from "../../scripts/lib/sample.mjs";
import { mockAnswers } from "../../src/generated/mock-answers.js";
import { createSandbox } from "../../src/testing/index.js";
import { sandboxCatalogue } from "../../src/testing/sandbox/catalogue.js";
import { answerProblems, operationIds, recordedProblems, spec } from "./spec-check.js";

// biome-ignore lint/suspicious/noExplicitAny: the spec is read field by field
type Json = any;

const ops = sandboxCatalogue.operations;

/** Operations on a resource the sandbox remembers: an id it never issued is a 404. */
const REMEMBERED = new Set([
  "getWebhook",
  "updateWebhook",
  "deleteWebhook",
  "getWhatsAppTemplate",
  "deleteOrganizationWhatsAppTemplate",
  "deleteAppKey",
  "getOrganizationWhatsAppMessage",
]);

function inline(node: Json): Json {
  if (Array.isArray(node)) return node.map(inline);
  if (!node || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    const target = node.$ref
      .slice(2)
      .split("/")
      .reduce((o: Json, k: string) => o?.[k], spec);
    return inline(target);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]));
}

describe("sandbox catalogue", () => {
  it("has every operation of the spec, and the statuses mockAnswer knows", () => {
    expect(Object.keys(ops).sort()).toEqual([...operationIds].sort());
    for (const [id, statuses] of Object.entries(mockAnswers)) {
      expect(Object.keys(ops[id]!.responses).sort(), id).toEqual(Object.keys(statuses).sort());
    }
  });

  it("every named example and every success sample is valid against its schema", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [id, op] of Object.entries(ops)) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [name, example] of Object.entries(response.examples)) {
          checked++;
          for (const p of answerProblems(id, Number(status), example)) problems.push(`${id} ${status} ${name}: ${p}`);
        }
      }
      if (op.success !== null) {
        checked++;
        for (const p of answerProblems(id, op.status, op.success)) problems.push(`${id} ${op.status} success: ${p}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(70);
  });

  it("every documented error code it names is a code of the ApiError enum", () => {
    const codes: string[] = spec.components.schemas.ApiError.properties.error.properties.code.enum;
    for (const op of Object.values(ops)) {
      for (const r of Object.values(op.responses)) for (const c of r.codes) expect(codes).toContain(c.code);
    }
  });
});

describe("every operation through the sandbox", () => {
  it("answers a well-formed call with its documented success status and a body the spec accepts", async () => {
    const sandbox = createSandbox();
    const failures: string[] = [];
    for (const [id, op] of Object.entries(ops)) {
      const specOp: Json = Object.values<Json>(spec.paths)
        .flatMap((item) => Object.values<Json>(item))
        .find((o) => o?.operationId === id);
      const params: Json[] = inline(specOp.parameters ?? []);
      let path = op.path;
      const query = new URLSearchParams();
      for (const p of params) {
        const value = String(sample(p.schema ?? { type: "string" }));
        if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(value));
        else if (p.in === "query" && p.required) query.set(p.name, value);
      }
      const bodySchema = specOp.requestBody?.content?.["application/json"]?.schema;
      const body = bodySchema ? JSON.stringify(sample(inline(bodySchema))) : undefined;
      const key = op.key === "admin" ? "sk_admin_all_operations" : "sk_test_app_all_operations";
      const res = await sandbox.fetch(`https://api.buildwithchirp.com${path}${query.size ? `?${query}` : ""}`, {
        method: op.method,
        headers: { authorization: `Bearer ${key}`, ...(body && { "content-type": "application/json" }) },
        ...(body && { body }),
      });
      // Resources the sandbox remembers answer 404 for ids it never issued, as Chirp does: only those may.
      const remembered = REMEMBERED.has(id) && res.status === 404;
      if (res.status !== op.status && !remembered) failures.push(`${id}: ${res.status} ${await res.text()}`);
    }
    expect(failures).toEqual([]);
    expect(recordedProblems(sandbox)).toEqual([]);
    expect(sandbox.requests()).toHaveLength(Object.keys(ops).length);
  });
});
