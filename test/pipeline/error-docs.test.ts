// The generated error classes read well: one "Error" per name, and each class's
// documentation says what its code means and what to do (scripts/error-docs.json),
// with the statuses the spec documents it under.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specRevision } from "../fixtures/specs.js";
import { root } from "./workspace.js";

interface ErrorEntry {
  readonly code: string;
  readonly meaning: string;
  readonly action: string;
  readonly described: boolean;
  readonly className: string;
  readonly statuses: number[];
  readonly type: string | null;
  readonly documented: boolean;
}
interface ErrorProse {
  readonly type: string | null;
  readonly meaning: string;
  readonly action: string;
  readonly documented?: boolean;
}
type Docs = Record<string, ErrorProse>;

// The generator's own modules (plain .mjs, no declarations), loaded by path.
const { describeErrorCodes, loadErrorDocs, missingErrorDocs } = (await import(
  join(root, "scripts/lib/error-docs.mjs")
)) as {
  describeErrorCodes(spec: unknown, options?: { docs?: Docs; reserved?: string[] }): ErrorEntry[];
  loadErrorDocs(): Docs;
  missingErrorDocs(spec: unknown, docs?: Docs): { undescribed: string[]; stale: string[] };
};
const { errorClassName, errorCodes: errorCodesIn } = (await import(join(root, "scripts/lib/spec.mjs"))) as {
  errorClassName(code: string): string;
  errorCodes(spec: unknown): { codes: string[] };
};
const errorCodesOf = (s: unknown) => errorCodesIn(s).codes;

const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));
const generated = readFileSync(join(root, "src/generated/errors.ts"), "utf8");
const docs = loadErrorDocs();

/** The JSDoc block right above `export const <name> =` in src/generated/errors.ts. */
function docOf(name: string): string {
  const at = generated.indexOf(`export const ${name} =`);
  expect(at).toBeGreaterThan(0);
  const start = generated.lastIndexOf("/**", at);
  return generated.slice(start, at);
}

describe("error class names", () => {
  it.each([
    ["meta_api_error", "MetaApiError"],
    ["telnyx_api_error", "TelnyxApiError"],
    ["livekit_api_error", "LivekitApiError"],
    ["livekit_room_error", "LivekitRoomError"],
    ["sip_trunk_error", "SipTrunkError"],
    ["template_not_found", "TemplateNotFoundError"],
    ["meta_api_unavailable", "MetaApiUnavailableError"],
  ])("%s → %s", (code, name) => {
    expect(errorClassName(code)).toBe(name);
    expect(generated).toContain(`export const ${name} = /*#__PURE__*/ codeErrorClass(${JSON.stringify(code)}`);
  });

  it("no generated name doubles Error", () => {
    expect(generated).not.toMatch(/ErrorError/);
  });

  it("a code whose class would take a hand-written class's name stops generation", () => {
    const clash = structuredClone(spec);
    clash.components.schemas.ApiError.properties.error.properties.code.enum.push("provider_error");
    const withDocs = { ...docs, provider_error: { type: null, meaning: "m", action: "a" } };
    expect(() => describeErrorCodes(clash, { docs: withDocs, reserved: ["ProviderError"] })).toThrow(
      /provider_error → ProviderError, already the name of a hand-written class/,
    );
  });
});

describe("error class documentation", () => {
  const entries = describeErrorCodes(spec, { docs });

  it.each(entries.map((e) => [e.className, e] as const))("%s says what its code means and what to do", (_, e) => {
    const doc = docOf(e.className);
    // The prose of error-docs.json, or for a code it does not describe yet (new upstream) the plain "not described" text.
    const prose = docs[e.code];
    expect(e.described).toBe(prose !== undefined);
    if (prose) expect([e.meaning, e.action]).toEqual([prose.meaning, prose.action]);
    expect(doc).toContain(e.meaning);
    expect(doc).toContain(`**What to do:** ${e.action}`);
    expect(doc).toContain(`@see {@link https://docs.buildwithchirp.com/api_reference/error-codes#${e.code}`);
    // The old doc was the code name and nothing else ("The API answered with error code `x`").
    expect(doc).not.toContain("The API answered with error code");
  });

  it("reads statuses from the spec's responses and types from the docs, checked against the spec's examples", () => {
    // Pinned on the frozen revision 2 (test/fixtures/specs), not on the vendored spec: an
    // upstream update that documents a code under one more status must not fail this.
    const frozen = JSON.parse(readFileSync(specRevision(2), "utf8"));
    const byCode = Object.fromEntries(describeErrorCodes(frozen, { docs }).map((e) => [e.code, e]));
    expect(byCode.template_not_found).toMatchObject({ statuses: [404], type: "invalid_request_error" });
    expect(byCode.phone_number_not_assigned?.statuses).toEqual([400, 404]);
    expect(byCode.message_undeliverable).toMatchObject({ statuses: [402], type: "provider_error" });
    expect(byCode.call_busy).toMatchObject({ statuses: [], type: null, documented: false });
    // The generated classes follow the vendored spec: a code it documents under no status says so.
    for (const e of entries.filter((x) => x.statuses.length === 0 && x.type === null)) {
      expect(docOf(e.className)).toContain("no HTTP status in the spec, no type in the docs");
    }
    const original = docs.message_undeliverable as ErrorProse;
    const wrong = { ...docs, message_undeliverable: { ...original, type: "api_error" } };
    expect(() => describeErrorCodes(spec, { docs: wrong })).toThrow(/the spec's examples say provider_error/);
  });

  it("gives a code without prose a plain 'not described yet' text, so a new code needs no hand edit", () => {
    // On the frozen revision 2 and the prose of its codes: the vendored spec may have gained codes since.
    const frozen = JSON.parse(readFileSync(specRevision(2), "utf8"));
    const r2docs = Object.fromEntries(Object.entries(docs).filter(([code]) => errorCodesOf(frozen).includes(code)));
    const { call_busy: _, ...missing } = r2docs;
    const entry = describeErrorCodes(frozen, { docs: missing }).find((e) => e.code === "call_busy");
    expect(entry).toMatchObject({ className: "CallBusyError", documented: false, type: null });
    expect(missingErrorDocs(frozen, missing)).toEqual({ undescribed: ["call_busy"], stale: [] });
    const extra = { ...r2docs, gone_code: { type: null, meaning: "m", action: "a" } };
    expect(missingErrorDocs(frozen, extra)).toEqual({ undescribed: [], stale: ["gone_code"] });
    expect(missingErrorDocs(frozen, r2docs)).toEqual({ undescribed: [], stale: [] });
    // The vendored spec: prose for a code it no longer has is stale (a code without prose is fine).
    expect(missingErrorDocs(spec, docs).stale).toEqual([]);
  });
});
