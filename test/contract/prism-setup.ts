// Vitest global setup: one Prism mock of openapi/openapi.json for the whole run,
// on a free loopback port, handed to tests through provide/inject. The returned
// teardown runs whether the tests pass or fail.
import type { TestProject } from "vitest/node";
import { startMockServer } from "../../src/testing/mock-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock of the vendored spec. */
    prismUrl: string;
  }
}

/** Starts Prism and provides its URL as `inject("prismUrl")`; returns the teardown that stops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMockServer({ spec: new URL("../../openapi/openapi.json", import.meta.url).pathname });
  project.provide("prismUrl", mock.url);
  return () => mock.close();
}
