// paginate(): every list operation of the spec, cursor / offset / single, page by
// page. (Memory flatness is measured in bench/, not here.)
import { describe, expect, it } from "vitest";
import {
  Chirp,
  ChirpConfigError,
  ChirpError,
  InvalidRequestError,
  type ListOperationId,
  type OperationId,
  type OperationInfo,
  operations,
} from "../../src/index.js";
import { ADMIN_KEY, APP_KEY, apiError, BASE_URL, json, rejection, scriptedFetch } from "./helpers.js";

const CURSOR_1 = "msg_sms_2DbBs7GWhGvVNJGrDXr5RG0mBW1";
const CURSOR_2 = "msg_sms_2DbBs7GWhGvVNJGrDXr5RG0mBW2";

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function query(url: string | undefined): Record<string, string> {
  return Object.fromEntries(new URL(url ?? "").searchParams);
}

describe("cursor style (listOrganizationSmsMessages: messages / nextCursor)", () => {
  it("follows nextCursor until null, keeping the caller's query", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { messages: [{ id: "m1" }, { id: "m2" }], nextCursor: CURSOR_1, totalCount: 5 }),
      json(200, { messages: [{ id: "m3" }, { id: "m4" }], nextCursor: CURSOR_2, totalCount: 5 }),
      json(200, { messages: [{ id: "m5" }], nextCursor: null, totalCount: 5 }),
    );
    const chirp = new Chirp({ adminKey: ADMIN_KEY, baseUrl: BASE_URL, fetch });
    const items = await collect(
      chirp.paginate("listOrganizationSmsMessages", { query: { limit: "2", direction: "OUTBOUND" } }),
    );
    expect(items.map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(log.map((r) => query(r.url))).toEqual([
      { limit: "2", direction: "OUTBOUND" },
      { limit: "2", direction: "OUTBOUND", cursor: CURSOR_1 },
      { limit: "2", direction: "OUTBOUND", cursor: CURSOR_2 },
    ]);
    for (const r of log) {
      expect(r.method).toBe("GET");
      expect(new URL(r.url).pathname).toBe("/v1/organization/sms/messages");
      expect(r.headers.get("authorization")).toBe(`Bearer ${ADMIN_KEY}`);
    }
  });

  it("starts from a cursor the caller gives", async () => {
    const { fetch, log } = scriptedFetch(json(200, { messages: [{ id: "m9" }], nextCursor: null, totalCount: 9 }));
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    await collect(chirp.paginate("listOrganizationSmsMessages", { query: { cursor: CURSOR_1 } }));
    expect(query(log[0]?.url)).toEqual({ cursor: CURSOR_1 });
  });

  it("fetches the next page only when the items of the last are used up, and stops on break", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { messages: [{ id: "m1" }, { id: "m2" }], nextCursor: CURSOR_1, totalCount: 4 }),
      json(200, { messages: [{ id: "m3" }, { id: "m4" }], nextCursor: null, totalCount: 4 }),
    );
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const iterable = chirp.paginate("listOrganizationSmsMessages");
    expect(log).toHaveLength(0); // lazy: nothing is fetched before iterating
    const seen: string[] = [];
    for await (const m of iterable) {
      seen.push(m.id);
      expect(log).toHaveLength(seen.length <= 2 ? 1 : 2);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["m1", "m2", "m3"]);
    expect(log).toHaveLength(2);
  });

  it("a server repeating a cursor stops with a ChirpError instead of looping", async () => {
    const page = json(200, { messages: [{ id: "m1" }], nextCursor: CURSOR_1, totalCount: 9 });
    const { fetch, log } = scriptedFetch(page, page, page);
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const error = await rejection(collect(chirp.paginate("listOrganizationSmsMessages")));
    expect(error).toBeInstanceOf(ChirpError);
    expect((error as Error).message).toContain("repeated cursor");
    expect(log).toHaveLength(2);
  });

  it("an error on a later page is thrown with its class, after the earlier items", async () => {
    const { fetch } = scriptedFetch(
      json(200, { messages: [{ id: "m1" }], nextCursor: CURSOR_1, totalCount: 2 }),
      apiError(400, { type: "invalid_request_error", message: "bad cursor", param: "cursor" }),
    );
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const m of chirp.paginate("listOrganizationSmsMessages")) seen.push(m.id);
      })(),
    );
    expect(seen).toEqual(["m1"]);
    expect(error).toBeInstanceOf(InvalidRequestError);
  });
});

describe("offset style", () => {
  it("listAppKeys (keys / totalCount, numbers as strings): advances offset until totalCount", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { keys: [{ id: "k1" }, { id: "k2" }], totalCount: 5 }),
      json(200, { keys: [{ id: "k3" }, { id: "k4" }], totalCount: 5 }),
      json(200, { keys: [{ id: "k5" }], totalCount: 5 }),
    );
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const items = await collect(chirp.paginate("listAppKeys", { query: { limit: "2", appId: "app_1" } }));
    expect(items.map((k) => k.id)).toEqual(["k1", "k2", "k3", "k4", "k5"]);
    expect(log.map((r) => query(r.url))).toEqual([
      { limit: "2", appId: "app_1", offset: "0" },
      { limit: "2", appId: "app_1", offset: "2" },
      { limit: "2", appId: "app_1", offset: "4" },
    ]);
  });

  it("listCallVoicemails (data / totalCount, numbers as integers), from the caller's offset", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { data: [{ id: "v11" }, { id: "v12" }], totalCount: 13 }),
      json(200, { data: [{ id: "v13" }], totalCount: 13 }),
    );
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const items = await collect(chirp.paginate("listCallVoicemails", { query: { limit: 2, offset: 10 } }));
    expect(items.map((v) => v.id)).toEqual(["v11", "v12", "v13"]);
    expect(log.map((r) => query(r.url))).toEqual([
      { limit: "2", offset: "10" },
      { limit: "2", offset: "12" },
    ]);
    expect(log[0]?.headers.get("authorization")).toBe(`Bearer ${APP_KEY}`);
  });

  it("stops on an empty page even if totalCount says there is more", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { keys: [{ id: "k1" }], totalCount: 10 }),
      json(200, { keys: [], totalCount: 10 }),
    );
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    expect(await collect(chirp.paginate("listAppKeys"))).toEqual([{ id: "k1" }]);
    expect(log).toHaveLength(2);
  });

  it("a page without the items array is a ChirpError naming it", async () => {
    const { fetch } = scriptedFetch(json(200, { items: [], totalCount: 0 }));
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const error = await rejection(collect(chirp.paginate("listAppKeys")));
    expect(error).toBeInstanceOf(ChirpError);
    expect((error as Error).message).toContain('"keys"');
  });
});

describe("single style", () => {
  it("listWebhooks: one request, the webhooks array", async () => {
    const { fetch, log } = scriptedFetch(json(200, { webhooks: [{ id: "whk_1" }, { id: "whk_2" }] }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    expect((await collect(chirp.paginate("listWebhooks"))).map((w) => w.id)).toEqual(["whk_1", "whk_2"]);
    expect(log).toHaveLength(1);
  });
});

describe("every list operation of the spec", () => {
  const listOps = (Object.keys(operations) as OperationId[]).filter(
    (id) => (operations[id] as OperationInfo).list !== undefined,
  ) as ListOperationId[];

  it("is found from the spec (cursor, offset and single styles all present)", () => {
    const styles = new Set(listOps.map((id) => (operations[id] as OperationInfo).list?.style));
    expect(styles).toEqual(new Set(["cursor", "offset", "single"]));
    expect(listOps).toEqual(
      expect.arrayContaining(["listOrganizationSmsMessages", "listAppKeys", "listCallVoicemails"]),
    );
  });

  it.each(listOps)("%s iterates every item of every page", async (id) => {
    const op = operations[id] as OperationInfo;
    const shape = op.list;
    if (!shape) throw new Error("not a list");
    const a = { id: "a" };
    const b = { id: "b" };
    const c = { id: "c" };
    const pages =
      shape.style === "single"
        ? [json(200, { [shape.items]: [a, b, c] })]
        : shape.style === "cursor"
          ? [
              json(200, { [shape.items]: [a, b], [shape.nextField]: CURSOR_1 }),
              json(200, { [shape.items]: [c], [shape.nextField]: null }),
            ]
          : [
              json(200, { [shape.items]: [a, b], [shape.totalField]: 3 }),
              json(200, { [shape.items]: [c], [shape.totalField]: 3 }),
            ];
    const { fetch, log } = scriptedFetch(...pages);
    const chirp = new Chirp({ appKey: APP_KEY, adminKey: ADMIN_KEY, fetch });
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const params = names.length ? { path: Object.fromEntries(names.map((n) => [n, `${n}_1`])) } : {};
    const run = chirp.paginate as (id: ListOperationId, p: object) => AsyncIterable<unknown>;
    expect(await collect(run.call(chirp, id, params))).toEqual([a, b, c]);
    expect(log).toHaveLength(pages.length);
    if (shape.style === "cursor") expect(query(log[1]?.url)[shape.cursorParam]).toBe(CURSOR_1);
    if (shape.style === "offset") expect(query(log[1]?.url)[shape.offsetParam]).toBe("2");
  });

  it("a non-list operation is refused with ChirpConfigError", () => {
    const chirp = new Chirp({ appKey: APP_KEY });
    const run = chirp.paginate as (id: string, p?: object) => AsyncIterable<unknown>;
    expect(() => run.call(chirp, "sendSms", {})).toThrow(ChirpConfigError);
  });
});
