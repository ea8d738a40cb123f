// The bucket of every operation comes from the spec's tags, method and security.
import { describe, expect, it } from "vitest";
import { bucketOf, DEFAULT_BUDGETS, type OperationId, operations } from "../../src/index.js";
import { budgetOf } from "../../src/rate-limit/buckets.js";

const bucket = (id: OperationId) => bucketOf(id);

describe("buckets", () => {
  it.each([
    ["sendSms", "sms"],
    ["listOrganizationSmsMessages", "general"],
    ["createWebhook", "webhooks"],
    ["listWebhooks", "webhooks"],
    ["updateAppWebhook", "webhooks"],
    ["createApp", "app-management"],
    ["addAppPhoneNumber", "app-management"],
    ["createAppKey", "app-management"],
    ["sendWhatsAppMessage", "general"],
    ["getBillingSummary", "general"],
    ["getCall", "general"],
  ] as const)("%s → %s", (id, expected) => {
    expect(bucket(id)).toBe(expected);
  });

  it("puts every app-key operation in a bucket that app keys have a budget for", () => {
    for (const id of Object.keys(operations) as OperationId[]) {
      const op = operations[id];
      if (op.security === "appAuth") expect(DEFAULT_BUDGETS.app[bucket(id)], id).toBeDefined();
      if (op.security === "adminAuth") expect(DEFAULT_BUDGETS.admin[bucket(id)], id).toBeDefined();
    }
  });

  it("has the documented budgets, overridable per key kind and bucket", () => {
    expect(budgetOf("app", "sms")).toBe(100);
    expect(budgetOf("app", "webhooks")).toBe(60);
    expect(budgetOf("app", "general")).toBe(120);
    expect(budgetOf("admin", "app-management")).toBe(60);
    expect(budgetOf("admin", "webhooks")).toBe(60);
    expect(budgetOf("app", "sms", { app: { sms: 30 } })).toBe(30);
    expect(budgetOf("app", "campaign", { app: { campaign: 7 } })).toBe(7);
    expect(budgetOf("app", "unknown")).toBe(120);
  });
});
