// sandbox.handlers(): the sandbox as MSW request handlers, for apps whose tests already
// run MSW's setupServer. msw is an optional peer: imported only when handlers() is
// called, through a specifier bundlers leave alone (an app without msw still bundles).

import { importAtRuntime } from "./runtime-import.js";

/** What the sandbox makes of one request. */
type Handle = (request: Request) => Promise<{ readonly response: Response } | { readonly dropped: true }>;

/** One catch-all handler for `baseUrl`: every request under it is answered by the sandbox. */
export async function sandboxHandlers(handle: Handle, baseUrl: string): Promise<unknown[]> {
  let msw: typeof import("msw");
  try {
    msw = await importAtRuntime<typeof import("msw")>("msw");
  } catch (e) {
    throw new Error("sandbox.handlers() needs the msw package (npm install -D msw)", { cause: e });
  }
  const base = baseUrl.replace(/\/+$/, "");
  return [
    msw.http.all(`${base}/*`, async ({ request }) => {
      const outcome = await handle(request);
      // MSW's way of a dropped connection: the request fails as a network error.
      return "dropped" in outcome ? msw.HttpResponse.error() : outcome.response;
    }),
  ];
}
