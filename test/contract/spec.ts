// The vendored spec, walked: every operation with what the contract suite needs.
// Read from openapi/openapi.json itself, never from a hand-kept list, so an
// operation added upstream is tested by the next run.
import { readFileSync } from "node:fs";

/** A JSON Schema node of the spec (OpenAPI 3.1 = JSON Schema 2020-12 plus `example`). */
export type Schema = Record<string, unknown>;

/** A parameter of an operation. */
export interface SpecParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly schema: Schema;
  readonly example: unknown;
}

/** One operation of the spec, with every $ref inlined. */
export interface SpecOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** The security scheme it names (`appAuth` / `adminAuth`), or null. */
  readonly security: string | null;
  readonly parameters: readonly SpecParameter[];
  readonly requestBody: { readonly required: boolean; readonly schema: Schema; readonly example: unknown } | null;
  readonly successStatus: number;
  readonly successSchema: Schema | null;
  /** Documented error statuses (4xx/5xx), their JSON schema and their named examples (name → body). */
  readonly errors: ReadonlyArray<{
    readonly status: number;
    readonly schema: Schema | null;
    readonly examples: Readonly<Record<string, unknown>>;
  }>;
}

const specUrl = new URL("../../openapi/openapi.json", import.meta.url);

/** The parsed spec. */
export const spec = JSON.parse(readFileSync(specUrl, "utf8")) as Record<string, unknown>;

/** Inlines every local $ref (the spec has no cycles; one would throw here rather than loop). */
export function deref(node: unknown, stack: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((x) => deref(x, stack));
  if (!node || typeof node !== "object") return node;
  const { $ref, ...rest } = node as Record<string, unknown>;
  if (typeof $ref === "string") {
    if (stack.includes($ref)) throw new Error(`cyclic $ref ${$ref}`);
    let target: unknown = spec;
    for (const part of $ref.replace(/^#\//, "").split("/")) target = (target as Record<string, unknown>)[part];
    // Siblings of $ref (3.1 allows them, e.g. a description) override the target's.
    return { ...(deref(target, [...stack, $ref]) as Schema), ...(deref(rest, stack) as Schema) };
  }
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, deref(v, stack)]));
}

function jsonSchemaOf(content: unknown): { schema: Schema | null; example: unknown } {
  const json = (
    content as
      | Record<string, { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown }> }>
      | undefined
  )?.["application/json"];
  if (!json) return { schema: null, example: undefined };
  const named = json.examples ? Object.values(json.examples)[0]?.value : undefined;
  return { schema: json.schema ?? null, example: json.example ?? named };
}

/** The named examples of a JSON response (what `Prefer: example=<name>` plays), name → body. */
function namedExamples(content: unknown): Record<string, unknown> {
  const json = (content as Record<string, { examples?: Record<string, { value?: unknown }> }> | undefined)?.[
    "application/json"
  ];
  return Object.fromEntries(Object.entries(json?.examples ?? {}).map(([name, e]) => [name, e.value]));
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** Every operation of the spec, in spec order. */
export function specOperations(): SpecOperation[] {
  const result: SpecOperation[] = [];
  const paths = deref(spec.paths) as Record<string, Record<string, Record<string, unknown>>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const responses = op.responses as Record<string, { content?: unknown }>;
      const statuses = Object.keys(responses).map(Number);
      const successStatus = statuses.find((s) => s >= 200 && s < 300) ?? 200;
      const security = (op.security as Array<Record<string, unknown>> | undefined)?.[0];
      const params = [
        ...((item.parameters as unknown as SpecParameter[]) ?? []),
        ...((op.parameters as SpecParameter[]) ?? []),
      ];
      const body = op.requestBody as { required?: boolean; content?: unknown } | undefined;
      const bodyJson = body ? jsonSchemaOf(body.content) : null;
      result.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        security: security ? (Object.keys(security)[0] ?? null) : null,
        parameters: params.map((p) => ({ ...p, required: p.required === true, schema: p.schema ?? {} })),
        requestBody: bodyJson?.schema
          ? { required: body?.required === true, schema: bodyJson.schema, example: bodyJson.example }
          : null,
        successStatus,
        successSchema: jsonSchemaOf(responses[String(successStatus)]?.content).schema,
        errors: statuses
          .filter((s) => s >= 400)
          .map((status) => ({
            status,
            schema: jsonSchemaOf(responses[String(status)]?.content).schema,
            examples: namedExamples(responses[String(status)]?.content),
          })),
      });
    }
  }
  return result;
}
