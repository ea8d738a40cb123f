// Under `exactOptionalPropertyTypes` an optional field that is not declared
// `| undefined` refuses an explicit `undefined`, so `new Chirp({ appKey:
// process.env.CHIRP_APP_KEY })` would not compile. Every option type a user fills in
// must accept `undefined` in every optional field. This file is type-checked with
// tsconfig.json, which turns the flag on (asserted below).
import { describe, expectTypeOf, it } from "vitest";
import {
  type BatchOptions,
  type CallOptions,
  Chirp,
  type ChirpOptions,
  type ConnectionErrorOptions,
  type MemoryDedupeStoreOptions,
  type RateLimitOptions,
  type RetryOptions,
  type WebhookHandlerOptions,
  type WebhookSecretOptions,
} from "../../src/index.js";
import type { NodeFetchOptions } from "../../src/node/http-fetch.js";
import type { RedisRateLimitStoreOptions, RedisWebhookDedupeStoreOptions } from "../../src/redis.js";
import type { MockAnswerChoice, MockServerOptions, SendWebhookOptions } from "../../src/testing/index.js";
import type { NodeListenerOptions } from "../../src/webhooks.js";

/** The optional keys of `T`. */
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];
/** Whether every optional field of `T` takes an explicit `undefined`. */
type AcceptsUndefined<T> = { [K in OptionalKeys<T>]: undefined } extends Pick<T, OptionalKeys<T>> ? true : false;

describe("exactOptionalPropertyTypes", () => {
  it("is on for this file (else the checks below prove nothing)", () => {
    // With the flag, `{ a?: number | undefined }` is not assignable to `{ a?: number }`.
    expectTypeOf<{ a?: number | undefined } extends { a?: number } ? "off" : "on">().toEqualTypeOf<"on">();
    // And the check itself tells the two apart.
    expectTypeOf<AcceptsUndefined<{ a?: number }>>().toEqualTypeOf<false>();
    expectTypeOf<AcceptsUndefined<{ a?: number | undefined; b: string }>>().toEqualTypeOf<true>();
  });

  it("the README quickstart compiles: keys straight from process.env", () => {
    const chirp = new Chirp({ appKey: process.env.CHIRP_APP_KEY, adminKey: process.env.CHIRP_ADMIN_KEY });
    expectTypeOf(chirp).toEqualTypeOf<Chirp>();
  });

  it("every optional field of every option type accepts undefined", () => {
    expectTypeOf<AcceptsUndefined<ChirpOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<CallOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<RetryOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<RateLimitOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<BatchOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<WebhookHandlerOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<WebhookSecretOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<MemoryDedupeStoreOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<ConnectionErrorOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<NodeFetchOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<RedisRateLimitStoreOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<MockServerOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<SendWebhookOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<RedisWebhookDedupeStoreOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<NodeListenerOptions>>().toEqualTypeOf<true>();
    expectTypeOf<AcceptsUndefined<MockAnswerChoice<"sendSms", 402>>>().toEqualTypeOf<true>();
  });
});
