// The README lists the spec's webhook event names (a table a user reads instead of the
// type declarations), checked against openapi/openapi.json: an upstream update that
// adds an event fails here until the table has it. Counts are not stated in prose at
// all (an update would make them stale), and that is checked too.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { webhookEventTypes } from "../../src/generated/webhook-events.js";
import { specFacts } from "../spec-facts.js";

const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
const facts = specFacts();

/** The names between the README's webhook-events markers, in order (wildcard family labels left out). */
function readmeWebhookEvents(text: string): string[] {
  const block = /<!-- webhook-events[^>]*-->([\s\S]*?)<!-- \/webhook-events -->/.exec(text)?.[1];
  if (block === undefined) throw new Error("README.md has no <!-- webhook-events --> … <!-- /webhook-events --> block");
  return [...block.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string).filter((name) => !name.includes("*"));
}

describe("README.md states the spec's facts", () => {
  it("lists every webhook event name of the spec, once each, in the spec's order", () => {
    const listed = readmeWebhookEvents(readme);
    const missing = facts.webhookEvents.filter((e) => !listed.includes(e));
    expect(missing, `README.md's webhook-events table lacks ${missing.join(", ")}`).toEqual([]);
    expect(listed).toEqual(facts.webhookEvents);
    // The generated list the SDK exports is the same one.
    expect(listed).toEqual([...webhookEventTypes]);
  });

  it("the list check fails on a README that misses, adds or reorders an event", () => {
    const table = (names: string[]) =>
      `<!-- webhook-events -->\n${names.map((n) => `\`${n}\``).join(", ")}\n<!-- /webhook-events -->`;
    const events = [...facts.webhookEvents];
    expect(readmeWebhookEvents(table(events.slice(1)))).not.toEqual(facts.webhookEvents);
    expect(readmeWebhookEvents(table([...events, "calls.new"]))).not.toEqual(facts.webhookEvents);
    expect(readmeWebhookEvents(table([...events].reverse()))).not.toEqual(facts.webhookEvents);
    expect(() => readmeWebhookEvents("no markers")).toThrow(/webhook-events/);
  });

  it("states no count of the spec's operations, codes or events, which an upstream update would make stale", () => {
    const facts = specFacts();
    for (const n of [facts.operationIds.length, facts.errorCodes.length, facts.webhookEvents.length]) {
      expect(readme).not.toMatch(
        new RegExp(`(All|all|…) ${n}\\b|\\b${n} (today|documented|operations|codes|events)\\b`),
      );
    }
  });
});
