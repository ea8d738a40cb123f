// Which rate-limit bucket an operation spends, and how much each bucket holds.
//
// Chirp limits each key per endpoint group (API-BEHAVIOUR §3): app keys get 100 SMS
// sends, 60 webhook-management and 120 other requests a minute; admin keys 60
// application-management, 60 webhook-management and 120 other. The bucket of an
// operation is read from the generated table (its spec tag, method and security
// scheme), so a new operation lands in the right bucket by regeneration alone.
import { keyOptionForScheme } from "../auth.js";
import { type OperationId, type OperationInfo, operationGroups, operations } from "../generated/operations.js";

/** The documented buckets. Custom names are allowed through `RateLimitOptions.buckets`. */
export type BucketName = "sms" | "webhooks" | "app-management" | "general";

/** Which kind of key a request is sent with: the budgets differ. */
export type LimitKeyKind = "app" | "admin";

/** Requests per window, per bucket, for one key kind. Buckets not listed fall back to `general`. */
export type BucketBudgets = Readonly<Partial<Record<BucketName, number>> & Record<string, number | undefined>>;

/** The documented budgets per minute (API-BEHAVIOUR §3). */
export const DEFAULT_BUDGETS: { readonly app: BucketBudgets; readonly admin: BucketBudgets } = {
  app: { sms: 100, webhooks: 60, general: 120 },
  admin: { "app-management": 60, webhooks: 60, general: 120 },
};

/** The window the budgets are counted over, in ms: Chirp's limits are per minute. */
export const DEFAULT_WINDOW_MS = 60_000;

/**
 * The bucket of operation `id`, derived from the spec: sending in the "SMS" group is
 * `sms`; any "…Webhooks" group is `webhooks`; the admin "Apps" / "App …" groups are
 * `app-management`; everything else is `general`. (The group is `operationGroups[id]`,
 * the method and security scheme `operations[id]`'s.)
 */
export function bucketOf(id: OperationId): BucketName {
  const info = operations[id];
  const group = operationGroups[id] ?? "";
  if (group === "SMS" && info.method === "POST") return "sms";
  if (/webhooks$/i.test(group)) return "webhooks";
  if (info.security === "adminAuth" && /^Apps?\b/.test(group)) return "app-management";
  return "general";
}

/** Which key an operation is sent with, by the same scheme → key rule the client uses; undefined when it needs none. */
export function keyKindOf(info: Pick<OperationInfo, "security">): LimitKeyKind | undefined {
  const option = info.security === null ? undefined : keyOptionForScheme[info.security];
  return option === undefined ? undefined : option === "appKey" ? "app" : "admin";
}

/** Operation → bucket for every operation, with the caller's overrides applied. */
export function bucketTable(overrides: Readonly<Partial<Record<OperationId, string>>> = {}): Map<OperationId, string> {
  const table = new Map<OperationId, string>();
  for (const id of Object.keys(operations) as OperationId[]) {
    table.set(id, overrides[id] ?? bucketOf(id));
  }
  return table;
}

/** The budget of `bucket` for `kind`: the caller's, else the documented one, else the kind's `general`. */
export function budgetOf(
  kind: LimitKeyKind,
  bucket: string,
  overrides: Readonly<Partial<Record<LimitKeyKind, BucketBudgets>>> = {},
): number {
  const mine = overrides[kind];
  const defaults = DEFAULT_BUDGETS[kind];
  return mine?.[bucket] ?? defaults[bucket] ?? mine?.general ?? defaults.general ?? 120;
}
