// The User-Agent every request carries: `chirp-sdk/<version> <runtime>/<version>`, so that
// Chirp's support can tell which SDK and runtime sent a failing request. Browsers forbid
// the header (and a custom one would cost every call a CORS preflight): none is set there.

// Replaced by package.json's version at build time (tsup.config.ts `define`, and
// vitest.config.ts for the tests); a run straight from the sources (tsx) says "dev".
declare const __CHIRP_VERSION__: string | undefined;

/** This SDK's version, from package.json at build time. */
export const SDK_VERSION: string = typeof __CHIRP_VERSION__ === "string" ? __CHIRP_VERSION__ : "0.0.0-dev";

interface RuntimeGlobals {
  Deno?: { version?: { deno?: string } };
  process?: { versions?: { node?: string; bun?: string } };
  navigator?: { userAgent?: string };
  document?: unknown;
  WorkerGlobalScope?: unknown;
}

/** The User-Agent to send, or undefined where the runtime does not let a script set it (browsers). */
export function userAgent(): string | undefined {
  let runtime: string | undefined | false;
  try {
    const g = globalThis as RuntimeGlobals;
    const deno = g.Deno?.version?.deno;
    // versions.bun is Bun's documented mark (Bun sets versions.node too, so it is read first).
    const { bun, node } = g.process?.versions ?? {};
    runtime = deno
      ? `deno/${deno}`
      : bun
        ? `bun/${bun}`
        : g.navigator?.userAgent === "Cloudflare-Workers"
          ? "workerd"
          : // A browser page or worker (Electron's renderer included): the header is the browser's.
            (g.document ?? g.WorkerGlobalScope) === undefined && node && `node/${node}`;
  } catch {}
  return runtime === false ? undefined : `chirp-sdk/${SDK_VERSION}${runtime ? ` ${runtime}` : ""}`;
}
