// Types of sizes.mjs, for test/budgets.test.ts.

/** The repository root. */
export declare const ROOT: string;
/** Apps that use each library the way an app would: a client, one GET, one POST. */
export declare const apps: Readonly<Record<"chirp-sdk" | "openapi-fetch" | "ky" | "axios", string>>;
/** Bundles `app` for browsers (esbuild, minified) and gzips it; sizes in bytes. */
export declare function bundleSize(
  app: string,
  entry?: string,
): Promise<{ min: number; gzip: number; code: string; parts: Record<string, number> }>;
/** Bytes on disk of the dependencies of a package.json, recursively. */
export declare function dependenciesSize(
  pkgJson: { dependencies?: Record<string, string> },
  seen?: Set<string>,
): number;
/** Installed size of an installed package with its dependencies, bytes. */
export declare function installedSizeOf(name: string): number;
/** chirp-sdk as published: `npm pack` unpacked size, its dependencies' size, and the packed file list. */
export declare function installedSizeOfChirp(): { own: number; deps: number; files: string[] };
