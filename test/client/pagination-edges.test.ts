// paginate() where the server's answers are odd (issue 21.5): a cursor handed back that
// the caller started from, a nextCursor that is not a string, offset pages without
// totalCount — and the caller's offset next to a cursor. Never a duplicate page, never a
// silent truncation, never a misleading message.
import { describe, expect, it } from "vitest";
import { Chirp, ChirpError } from "../../src/index.js";
import { ADMIN_KEY, APP_KEY, json, rejection, scriptedFetch } from "./helpers.js";

const START = "msg_sms_2DbBs7GWhGvVNJGrDXr5RG0mBW0";
const NEXT = "msg_sms_2DbBs7GWhGvVNJGrDXr5RG0mBW1";

async function collect<T>(items: AsyncIterable<T>, into: T[] = []): Promise<T[]> {
  for await (const item of items) into.push(item);
  return into;
}

function query(url: string | undefined): Record<string, string> {
  return Object.fromEntries(new URL(url ?? "").searchParams);
}

describe("cursor style", () => {
  it("(a) the cursor the caller started from counts as seen: handed back, it stops before a duplicate page", async () => {
    const page = json(200, { messages: [{ id: "m1" }], nextCursor: START });
    const { fetch, log } = scriptedFetch(page, page, page);
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const seen: { id: string }[] = [];
    const error = await rejection(
      collect(chirp.paginate("listOrganizationSmsMessages", { query: { cursor: START } }), seen),
    );
    expect(error).toBeInstanceOf(ChirpError);
    expect((error as ChirpError).family).toBe("response");
    expect((error as Error).message).toContain("repeated cursor");
    expect(seen.map((m) => m.id)).toEqual(["m1"]);
    expect(log).toHaveLength(1);
  });

  it("(b) a nextCursor that is not a string is reported as such, not as a repeated cursor", async () => {
    const { fetch, log } = scriptedFetch(json(200, { messages: [{ id: "m1" }], nextCursor: 12345 }));
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const error = await rejection(collect(chirp.paginate("listOrganizationSmsMessages")));
    expect(error).toBeInstanceOf(ChirpError);
    expect((error as ChirpError).family).toBe("response");
    expect((error as Error).message).toMatch(/nextCursor 12345 is of type number, not a string/);
    expect((error as Error).message).not.toContain("repeated");
    expect(log).toHaveLength(1);
  });

  it("sends the caller's offset on the first page only: the pages after it follow the cursor alone", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { messages: [{ id: "m1" }], nextCursor: NEXT }),
      json(200, { messages: [{ id: "m2" }], nextCursor: null }),
    );
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const items = await collect(chirp.paginate("listOrganizationSmsMessages", { query: { offset: "40", limit: "1" } }));
    expect(items.map((m) => m.id)).toEqual(["m1", "m2"]);
    expect(log.map((r) => query(r.url))).toEqual([
      { offset: "40", limit: "1" },
      { limit: "1", cursor: NEXT },
    ]);
  });
});

describe("(c) offset style without totalCount", () => {
  it("keeps paging while pages are full (the caller's limit), and stops at a short page", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { data: [{ id: "v1" }, { id: "v2" }] }),
      json(200, { data: [{ id: "v3" }, { id: "v4" }] }),
      json(200, { data: [{ id: "v5" }] }),
    );
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const items = await collect(chirp.paginate("listCallVoicemails", { query: { limit: 2 } }));
    expect(items.map((v) => v.id)).toEqual(["v1", "v2", "v3", "v4", "v5"]);
    expect(log.map((r) => query(r.url).offset)).toEqual(["0", "2", "4"]);
  });

  it("without a limit it cannot tell a full page: it pages until an empty one", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { keys: [{ id: "k1" }, { id: "k2" }] }),
      json(200, { keys: [{ id: "k3" }] }),
      json(200, { keys: [] }),
    );
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const items = await collect(chirp.paginate("listAppKeys"));
    expect(items.map((k) => k.id)).toEqual(["k1", "k2", "k3"]);
    expect(log.map((r) => query(r.url).offset)).toEqual(["0", "2", "3"]);
  });

  it("a server that ignores the offset (the same full page again) fails loudly instead of looping", async () => {
    const page = json(200, { keys: [{ id: "k1" }, { id: "k2" }] });
    const { fetch, log } = scriptedFetch(page, page, page);
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const error = await rejection(collect(chirp.paginate("listAppKeys", { query: { limit: "2" } })));
    expect(error).toBeInstanceOf(ChirpError);
    expect((error as ChirpError).family).toBe("response");
    expect((error as Error).message).toContain("same page");
    expect(log).toHaveLength(2);
  });

  it("a totalCount that is not a number counts as absent", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { keys: [{ id: "k1" }], totalCount: "many" }),
      json(200, { keys: [] }),
    );
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    expect((await collect(chirp.paginate("listAppKeys", { query: { limit: "1" } }))).map((k) => k.id)).toEqual(["k1"]);
    expect(log).toHaveLength(2);
  });
});
