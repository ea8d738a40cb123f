/** Which encoders of src/body-encoders.ts the spec's operations need. */
export function neededEncoders(spec: unknown): { body: boolean; params: boolean };
/** The text of src/generated/encoders.ts; `header` is generate.mjs's "do not edit" banner. */
export function encodersFile(spec: unknown, header: (what: string) => string): string;
