// startMockServer({ port }): the URL the caller gets is on that port — the last-page
// proxy's (the default), with Prism behind it on a free port of its own.
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startMockServer } from "../../src/testing/index.js";

/** A port that is free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("startMockServer({ port })", () => {
  const started = freePort().then(async (port) => ({ port, mock: await startMockServer({ port }) }));
  afterAll(async () => (await started).mock.close());

  it("serves its url on that port, with the last-page proxy (cursor lists end) in front", async () => {
    const { port, mock } = await started;
    expect(mock.url).toBe(`http://127.0.0.1:${port}`);
    const page = await fetch(
      `http://127.0.0.1:${port}/v1/organization/sms/messages?cursor=msg_sms_2DbBs7GWhGvVNJGrDXr5RG0mBWI`,
      {
        headers: { authorization: "Bearer sk_admin_port" },
      },
    );
    expect(page.status).toBe(200);
    expect(((await page.json()) as { nextCursor: unknown }).nextCursor).toBeNull();
  });
});
