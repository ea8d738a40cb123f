// The shape of src/generated/sandbox-catalogue.ts (written by scripts/lib/sandbox-catalogue.mjs).
import type { ListShape } from "../../generated/operations.js";

/** A JSON Schema cut down to the keywords that constrain a value (no descriptions, no examples). */
export interface CompactSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, CompactSchema>>;
  readonly items?: CompactSchema;
  readonly additionalProperties?: boolean | CompactSchema;
  readonly oneOf?: readonly CompactSchema[];
  readonly anyOf?: readonly CompactSchema[];
  readonly allOf?: readonly CompactSchema[];
}

/** A path or query parameter of an operation. */
export interface CatalogueParam {
  readonly name: string;
  readonly in: "path" | "query";
  readonly required: boolean;
  readonly schema: CompactSchema;
}

/** One documented answer of an operation. */
export interface CatalogueResponse {
  /** Named examples of the answer, by name. */
  readonly examples: Readonly<Record<string, unknown>>;
  /** Documented headers, with the spec's example value (null when it gives none). */
  readonly headers: Readonly<Record<string, string | number | null>>;
  /** Error codes the answer's description or examples name, first the one it names first. */
  readonly codes: readonly { readonly code: string; readonly type: string }[];
  /** The error `type` Chirp sends with this status when no code applies. */
  readonly type: string;
  /** The first sentence of the answer's description. */
  readonly description: string;
}

/** What the sandbox knows about one operation. */
export interface CatalogueOperation {
  readonly method: string;
  readonly path: string;
  /** The key kind the operation needs (`app`, `admin`), or null for none. */
  readonly key: string | null;
  /** A live key is refused with `test_app_required` (the Playground). */
  readonly testKeyOnly: boolean;
  /** The documented success status. */
  readonly status: number;
  readonly params: readonly CatalogueParam[];
  readonly body: CompactSchema | null;
  readonly bodyRequired: boolean;
  /** Body fields that hold E.164 phone numbers. */
  readonly phoneFields: readonly string[];
  readonly list: ListShape | null;
  /** A success body built from the schema's own examples. */
  readonly success: unknown;
  readonly responses: Readonly<Record<string, CatalogueResponse>>;
}

/** The whole catalogue. */
export interface SandboxCatalogue {
  readonly operations: Readonly<Record<string, CatalogueOperation>>;
  /** Chirp's error-code page (the base of `doc_url`), when the spec gives it. */
  readonly docUrlBase: string | null;
}

/** The catalogue as generated: each operation's answers are indexes into `answers`, which holds each distinct answer once. */
export interface PackedCatalogue {
  readonly operations: Readonly<
    Record<string, Omit<CatalogueOperation, "responses"> & { readonly responses: Readonly<Record<string, number>> }>
  >;
  readonly answers: readonly CatalogueResponse[];
  readonly docUrlBase: string | null;
}
