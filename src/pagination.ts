// Iterating list operations page by page. The style (cursor / offset / single) and
// the names of the items array, cursor and total come from the spec, through the
// `list` entry of each operation in src/generated/operations.ts. Only one page is
// held at a time, so memory stays flat however long the list.
import { ChirpError } from "./errors/chirp-error.js";
import type { ListShape } from "./generated/operations.js";

type Page = Record<string, unknown>;
type Query = Record<string, unknown>;

/** Fetches one page with the given query. */
export type PageFetcher = (query: Query) => Promise<unknown>;

function itemsOf(page: unknown, shape: ListShape, operationId: string): unknown[] {
  const items = (page as Page | undefined)?.[shape.items];
  if (!Array.isArray(items)) {
    throw new ChirpError(`${operationId}: the response has no "${shape.items}" array to paginate.`, {
      family: "response",
    });
  }
  return items;
}

/** Yields every item of a list operation, fetching the next page only when the last is used up. */
export async function* paginate(
  operationId: string,
  shape: ListShape,
  query: Query,
  fetchPage: PageFetcher,
): AsyncGenerator<unknown, void, undefined> {
  if (shape.style === "single") {
    yield* itemsOf(await fetchPage(query), shape, operationId);
    return;
  }
  if (shape.style === "cursor") {
    const seen = new Set<string>();
    let cursor = query[shape.cursorParam];
    for (;;) {
      const page = await fetchPage(cursor === undefined ? query : { ...query, [shape.cursorParam]: cursor });
      yield* itemsOf(page, shape, operationId);
      const next = (page as Page)[shape.nextField];
      if (next === null || next === undefined || next === "") return;
      // A server that hands back a cursor it already gave would loop forever.
      if (typeof next !== "string" || seen.has(next)) {
        throw new ChirpError(`${operationId}: the server repeated cursor ${JSON.stringify(next)}; stopping.`, {
          family: "response",
        });
      }
      seen.add(next);
      cursor = next;
    }
  }
  let offset = Number(query[shape.offsetParam] ?? 0);
  for (;;) {
    const page = await fetchPage({
      ...query,
      [shape.offsetParam]: shape.numbersAs === "string" ? String(offset) : offset,
    });
    const items = itemsOf(page, shape, operationId);
    yield* items;
    offset += items.length;
    const total = Number((page as Page)[shape.totalField]);
    if (items.length === 0 || !(offset < total)) return;
  }
}
