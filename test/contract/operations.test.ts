// The contract suite: every operation of the spec, sent through its SDK method to
// a Prism mock of the same spec. Checks that the request is one the spec accepts
// (Prism's verdict, plus no undeclared body property), that it carries the key
// its security scheme names, that the resolved value matches the success schema,
// and that every documented error status becomes the error class it maps to.
import { afterAll, describe, expect, inject, it } from "vitest";
import { Chirp, ChirpApiError } from "../../src/index.js";
import { expectedErrorClass } from "./expected-error.js";
import { recordingFetch } from "./recorder.js";
import { buildRequest, expectedPath, type OperationParams } from "./request.js";
import { nullableEnums, problems, strict } from "./schemas.js";
import { type SpecOperation, specOperations } from "./spec.js";

const APP_KEY = "sk_test_app_contractApp";
const ADMIN_KEY = "sk_admin_contractAdmin";
const KEY_FOR_SCHEME: Record<string, string> = { appAuth: APP_KEY, adminAuth: ADMIN_KEY };

const ops = specOperations();
const passed = new Set<string>();
let errorStatuses = 0;
let namedErrorExamples = 0;

type Method = (params: OperationParams) => Promise<unknown>;

function client() {
  const recorder = recordingFetch();
  // No retries: one request per call, so the log is exactly what one call sent.
  const chirp = new Chirp({
    appKey: APP_KEY,
    adminKey: ADMIN_KEY,
    baseUrl: inject("prismUrl"),
    fetch: recorder.fetch,
    maxRetries: 0,
  });
  return { chirp, log: recorder.log };
}

function methodOf(chirp: Chirp, op: SpecOperation): Method {
  const method = (chirp as unknown as Record<string, Method | undefined>)[op.operationId];
  if (typeof method !== "function") throw new Error(`the SDK has no method ${op.operationId}`);
  return method.bind(chirp);
}

/** The checks every request must pass, success or forced error. */
function checkSent(op: SpecOperation, params: OperationParams, log: ReturnType<typeof client>["log"]) {
  expect(log, "exactly one request per call").toHaveLength(1);
  const sent = log[0];
  if (!sent) throw new Error("nothing sent");
  expect(sent.method).toBe(op.method);
  expect(sent.url.pathname).toBe(expectedPath(op, params));
  expect(sent.responseHeaders.get("sl-violations"), "Prism found the request invalid").toBeNull();
  expect(sent.headers.authorization, `the ${op.security} key`).toBe(`Bearer ${KEY_FOR_SCHEME[op.security ?? ""]}`);
  if (op.requestBody) {
    expect(sent.body, "a body was sent").toBeDefined();
    expect(problems(strictRequest(op), JSON.parse(sent.body ?? "null")), "the body sent matches its schema").toEqual(
      [],
    );
  } else {
    expect(sent.body, "no body for an operation without one").toBeUndefined();
  }
  return sent;
}

const strictSchemas = new Map<string, ReturnType<typeof strict>>();
function strictRequest(op: SpecOperation) {
  let schema = strictSchemas.get(op.operationId);
  if (!schema) {
    schema = op.requestBody ? strict(op.requestBody.schema) : {};
    strictSchemas.set(op.operationId, schema);
  }
  return schema;
}

describe("contract: every operation of openapi/openapi.json against Prism", () => {
  it("walks a spec that has operations", () => {
    expect(ops.length).toBeGreaterThan(0);
  });

  describe.each(ops.map((op) => [op.operationId, op] as const))("%s", (_id, op) => {
    let ok = true;
    const fail = (error: unknown) => {
      ok = false;
      throw error;
    };

    /** Calls the operation with `Prefer: <prefer>`; what it rejected with, and what was sent (checked). */
    const forced = async (prefer: string, status: number) => {
      const { chirp, log } = client();
      const params = { ...buildRequest(op), headers: { prefer } };
      const error = await methodOf(
        chirp,
        op,
      )(params).then(
        () => fail(new Error(`resolved, but the mock answered ${status}`)),
        (e: unknown) => e,
      );
      try {
        return { error, sent: checkSent(op, params, log) };
      } catch (e) {
        return fail(e);
      }
    };

    it(`${op.method} ${op.path} → ${op.successStatus}: valid request, right key, typed result`, async () => {
      const { chirp, log } = client();
      const params = buildRequest(op);
      const result = await methodOf(chirp, op)(params).catch(fail);
      try {
        const sent = checkSent(op, params, log);
        expect(sent.status).toBe(op.successStatus);
        if (op.successSchema) expect(problems(nullableEnums(op.successSchema), result)).toEqual([]);
      } catch (error) {
        fail(error);
      }
    });

    it.each(op.errors.map((e) => [e.status] as const))("Prefer: code=%i → the mapped error class", async (status) => {
      const { error, sent } = await forced(`code=${status}`, status);
      try {
        expect(sent.status).toBe(status);
        expect(error).toBeInstanceOf(ChirpApiError);
        const apiError = error as ChirpApiError;
        const expected = expectedErrorClass(status, sent.responseText);
        expect(apiError.constructor.name).toBe(expected.Class.name);
        expect(apiError).toBeInstanceOf(expected.Class);
        expect({ status: apiError.status, type: apiError.type, code: apiError.code }).toEqual({
          status,
          type: expected.type,
          code: expected.code,
        });
        errorStatuses++;
      } catch (e) {
        fail(e);
      }
    });

    const named = op.errors.flatMap((e) =>
      Object.entries(e.examples).map(([name, body]) => [e.status, name, body] as const),
    );
    it.each(named)(
      "Prefer: code=%i, example=%s → that body, as the mapped error with its details",
      async (status, name, body) => {
        const { error, sent } = await forced(`code=${status}, example=${name}`, status);
        try {
          expect(sent.status).toBe(status);
          expect(JSON.parse(sent.responseText), "the mock played the named example").toEqual(body);
          const expected = expectedErrorClass(status, sent.responseText);
          expect(error).toBeInstanceOf(expected.Class);
          const apiError = error as ChirpApiError;
          const inner = (body as { error: unknown }).error;
          if (typeof inner === "string") {
            // The 429 string form: the server's sentence is the message's tail.
            expect(apiError.message).toContain(inner);
          } else {
            const e = inner as { code: string; message: string; param?: string; provider?: unknown };
            expect(apiError.code).toBe(e.code);
            expect(apiError.message).toContain(e.message);
            expect(apiError.param).toBe(e.param);
            expect(apiError.provider).toEqual(e.provider);
          }
          namedErrorExamples++;
        } catch (e) {
          fail(e);
        }
      },
    );

    afterAll(() => {
      if (ok) passed.add(op.operationId);
    });
  });

  afterAll(() => {
    console.log(
      `contract: ${passed.size}/${ops.length} operations, ${errorStatuses} error statuses, ${namedErrorExamples} named error examples`,
    );
    expect(
      passed.size,
      `operations failing the contract: ${ops
        .filter((o) => !passed.has(o.operationId))
        .map((o) => o.operationId)
        .join(", ")}`,
    ).toBe(ops.length);
  });
});
