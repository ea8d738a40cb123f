// Which operation a request is: the catalogue's method and path templates, matched
// with literal segments preferred over parameters (`/v1/whatsapp/templates/send`
// before `/v1/whatsapp/templates/{templateId}`).
import { sandboxCatalogue } from "./catalogue.js";

interface Route {
  readonly operationId: string;
  readonly method: string;
  readonly segments: readonly string[];
  /** Names of the parameters at each segment (null for a literal). */
  readonly names: readonly (string | null)[];
  readonly literals: number;
}

let routes: Route[] | undefined;

function table(): Route[] {
  if (routes) return routes;
  routes = Object.entries(sandboxCatalogue.operations).map(([operationId, op]) => {
    const segments = op.path.split("/").filter(Boolean);
    const names = segments.map((s) => (/^\{.+\}$/.test(s) ? s.slice(1, -1) : null));
    return { operationId, method: op.method, segments, names, literals: names.filter((n) => n === null).length };
  });
  // More literal segments first, so that a literal route wins over a parameter at the same place.
  routes.sort((a, b) => b.literals - a.literals);
  return routes;
}

/** A matched request: its operation and path parameters (decoded). */
export interface RouteMatch {
  readonly operationId: string;
  readonly pathParams: Record<string, string>;
}

/** The operation `method` `pathname` calls, or undefined. */
export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  const parts = pathname.split("/").filter(Boolean);
  for (const r of table()) {
    if (r.method !== method || r.segments.length !== parts.length) continue;
    const pathParams: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const name = r.names[i];
      if (name === null || name === undefined) ok = r.segments[i] === parts[i];
      else {
        try {
          pathParams[name] = decodeURIComponent(parts[i]!);
        } catch {
          ok = false;
        }
      }
    }
    if (ok) return { operationId: r.operationId, pathParams };
  }
  return undefined;
}
