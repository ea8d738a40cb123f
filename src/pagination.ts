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

function failure(operationId: string, problem: string): ChirpError {
  return new ChirpError(`${operationId}: ${problem}.`, { family: "response" });
}

function itemsOf(page: unknown, shape: ListShape, operationId: string): unknown[] {
  const items = (page as Page | undefined)?.[shape.items];
  if (!Array.isArray(items)) throw failure(operationId, `the response has no "${shape.items}" array to paginate`);
  return items;
}

/** A whole number ≥ 0 (a number, or digits in a string), else undefined: a query value or a count field. */
function count(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() ? Number(value) : value;
  return Number.isInteger(n) && (n as number) >= 0 ? (n as number) : undefined;
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
    // The cursor the caller started from counts as seen: handed back, it would repeat the first page.
    const seen = new Set([query[shape.cursorParam]]);
    // Pages after the first follow the cursor alone: the spec documents `offset` as the
    // "fallback when no cursor is available", and beside a cursor it would skip items.
    const { offset: _offset, ...rest } = query;
    let params = query;
    for (;;) {
      const page = await fetchPage(params);
      yield* itemsOf(page, shape, operationId);
      const next = (page as Page)[shape.nextField];
      if (next === null || next === undefined || next === "") return;
      if (typeof next !== "string") {
        const shown = String(JSON.stringify(next)).slice(0, 40);
        throw failure(operationId, `the server's ${shape.nextField} ${shown} is of type ${typeof next}, not a string`);
      }
      // A server that hands back a cursor it already gave would loop forever.
      if (seen.has(next)) throw failure(operationId, `the server repeated cursor ${JSON.stringify(next)}; stopping`);
      seen.add(next);
      params = { ...rest, [shape.cursorParam]: next };
    }
  }
  let offset = Number(query[shape.offsetParam] ?? 0);
  // Without a total, a page as long as the caller's limit is full; without a limit, only an empty page ends the list.
  const limit = shape.limitParam === null ? undefined : count(query[shape.limitParam]);
  let previous: string | undefined;
  for (;;) {
    const page = await fetchPage({
      ...query,
      [shape.offsetParam]: shape.numbersAs === "string" ? String(offset) : offset,
    });
    const items = itemsOf(page, shape, operationId);
    const total = count((page as Page)[shape.totalField]);
    if (total === undefined) {
      // A server that ignores the offset would hand back the same page forever.
      const text = JSON.stringify(items);
      if (items.length > 0 && text === previous) {
        throw failure(operationId, `the server sent the same page again at offset ${offset}; stopping`);
      }
      previous = text;
    }
    yield* items;
    offset += items.length;
    if (items.length === 0 || (total === undefined ? limit !== undefined && items.length < limit : offset >= total)) {
      return;
    }
  }
}
