// Every way an error becomes text in an app's logs: String, stack, util.inspect with
// everything shown, JSON.stringify — of the error and of each level of its cause chain.
import { inspect } from "node:util";

function json(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v)) ?? "";
  } catch {
    return "";
  }
}

/** The string forms of `error` and of every cause below it (at most 10 levels). */
export function everyStringForm(error: unknown): string[] {
  const forms: string[] = [];
  let level: unknown = error;
  for (let depth = 0; depth < 10 && level !== undefined && level !== null; depth++) {
    forms.push(String(level), inspect(level, { depth: Number.POSITIVE_INFINITY, showHidden: true }), json(level));
    if (level instanceof Error) {
      forms.push(level.stack ?? "", json({ ...level }));
      level = level.cause;
    } else break;
  }
  return forms;
}
