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

function failure(operationId: string, problem: string): ChirpError {
  return new ChirpError(`${operationId}: ${problem}; stopping.`, { family: "response" });
}

/** What a value is, for a message: `a number (12345)`, `an object` (never a long text). */
function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  const text = String(value);
  return `a ${typeof value} (${text.length > 40 ? `${text.slice(0, 40)}…` : text})`;
}

// The spec documents `offset` of a cursor-paged list as the "fallback when no cursor is
// available": once a cursor is followed, an offset beside it would skip items twice.
const CURSOR_STYLE_OFFSET = "offset";

/** A whole number ≥ 0 read from a query value or a count field (numbers may arrive as strings), else undefined. */
function wholeNumber(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
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
    let cursor = query[shape.cursorParam];
    // The cursor the caller started from counts as seen: handed back, it would repeat the first page.
    const seen = new Set<unknown>(cursor === undefined ? [] : [cursor]);
    let params = query;
    for (;;) {
      const page = await fetchPage(params);
      yield* itemsOf(page, shape, operationId);
      const next = (page as Page)[shape.nextField];
      if (next === null || next === undefined || next === "") return;
      if (typeof next !== "string") {
        throw failure(operationId, `the server's ${shape.nextField} is ${describe(next)}, not a string cursor`);
      }
      // A server that hands back a cursor it already gave would loop forever.
      if (seen.has(next)) throw failure(operationId, `the server repeated cursor ${JSON.stringify(next)}`);
      seen.add(next);
      cursor = next;
      const { [CURSOR_STYLE_OFFSET]: _offset, ...rest } = query;
      params = { ...rest, [shape.cursorParam]: cursor };
    }
  }
  let offset = Number(query[shape.offsetParam] ?? 0);
  // A page as long as the caller's limit is full; without a limit only an empty page says "no more".
  const limit = shape.limitParam === null ? undefined : wholeNumber(query[shape.limitParam]);
  let previous: string | undefined;
  for (;;) {
    const page = await fetchPage({
      ...query,
      [shape.offsetParam]: shape.numbersAs === "string" ? String(offset) : offset,
    });
    const items = itemsOf(page, shape, operationId);
    const total = wholeNumber((page as Page)[shape.totalField]);
    if (total === undefined && items.length > 0) {
      // Without a total, a server that ignores the offset would hand back the same page forever.
      const text = JSON.stringify(items);
      if (text === previous) {
        throw failure(
          operationId,
          `the server sent the same page at offsets ${offset - items.length} and ${offset}, with no ${shape.totalField}`,
        );
      }
      previous = text;
    }
    yield* items;
    offset += items.length;
    if (items.length === 0) return;
    if (total !== undefined ? offset >= total : limit !== undefined && items.length < limit) return;
  }
}
