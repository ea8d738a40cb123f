// The README states a few facts of the spec in prose: the webhook event names (a table
// a user reads instead of the type declarations), how many error codes and operations
// there are. Each is checked against openapi/openapi.json, so an upstream update that
// changes them fails here, naming the README line to regenerate or rewrite.
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
    expect(listed).toEqual(facts.webhookEvents);
    // The generated list the SDK exports is the same one.
    expect(listed).toEqual([...webhookEventTypes]);
    // And the count in the prose above the table.
    expect(readme).toContain(`The events the spec documents (${facts.webhookEvents.length};`);
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

  it("counts the error codes and the operations as the spec does", () => {
    expect(readme).toContain(`All ${facts.errorCodes.length} documented codes`);
    expect(readme).toContain(`… ${facts.operationIds.length} today`);
  });
});
