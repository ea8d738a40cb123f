// chirp-sdk/node's diagnosticsChannels(): a subscriber of Node's TracingChannels
// "chirp-sdk:call" and "chirp-sdk:attempt" sees each call and attempt start and end,
// over a real loopback server answering a GET 503 then 200.
import { tracingChannel } from "node:diagnostics_channel";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Chirp } from "../../src/index.js";
import { ATTEMPT_CHANNEL, CALL_CHANNEL, diagnosticsChannels } from "../../src/node/http-fetch.js";
import { APP_KEY } from "../client/helpers.js";
import { type Loopback, scriptScenario, startLoopback } from "./loopback.js";

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

it("publishes start / asyncEnd of the call and of each attempt, with the retry decision", async () => {
  scriptScenario(server);
  const events: string[] = [];
  const on = (name: string, label: (ctx: Record<string, unknown>) => string) => ({
    start: (ctx: unknown) => events.push(`${name} start ${label(ctx as Record<string, unknown>)}`),
    asyncEnd: (ctx: unknown) => events.push(`${name} asyncEnd ${label(ctx as Record<string, unknown>)}`),
    error: (ctx: unknown) => events.push(`${name} error ${label(ctx as Record<string, unknown>)}`),
    end: () => {},
    asyncStart: () => {},
  });
  const callSub = on("call", (c) => String((c.call as { operationId: string }).operationId));
  const attemptSub = on("attempt", (c) => {
    const a = c.attempt as { attempt: number; status?: number; decision?: { retry: boolean } };
    return `${a.attempt} ${a.status ?? "-"} retry=${a.decision?.retry ?? "-"}`;
  });
  tracingChannel(CALL_CHANNEL).subscribe(callSub);
  tracingChannel(ATTEMPT_CHANNEL).subscribe(attemptSub);
  try {
    const chirp = new Chirp({
      appKey: APP_KEY,
      baseUrl: server.baseUrl,
      sleep: async () => {},
      logLevel: "off",
      middleware: [diagnosticsChannels()],
    });
    await chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } });
  } finally {
    tracingChannel(CALL_CHANNEL).unsubscribe(callSub);
    tracingChannel(ATTEMPT_CHANNEL).unsubscribe(attemptSub);
  }
  expect(events).toEqual([
    "call start getWhatsAppBusinessProfile",
    "attempt start 1 - retry=-",
    "attempt error 1 503 retry=true",
    // Node publishes asyncEnd after error too: the promise settled either way.
    "attempt asyncEnd 1 503 retry=true",
    "attempt start 2 - retry=-",
    "attempt asyncEnd 2 200 retry=-",
    "call asyncEnd getWhatsAppBusinessProfile",
  ]);
});
