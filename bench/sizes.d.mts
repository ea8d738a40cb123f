// Types of sizes.mjs, for test/budgets.test.ts.

/** The repository root. */
export declare const ROOT: string;
/** The apps bundled by the bench and the budgets, by name. */
export type AppName =
  | "chirp-sdk"
  | "chirp-sdk+paginate+errors"
  | "chirp-sdk webhooks"
  | "chirp-sdk+rate-limit+batch"
  | "generated (hey-api)"
  | "generated (hey-api), all operations"
  | "openapi-fetch"
  | "ky"
  | "axios";
/** Apps that use each library the way an app would: a client, one GET, one POST; issue 14's chirp-sdk apps. */
export declare const apps: Readonly<Record<AppName, string>>;
/** How many operations the spec has (the generated client's all-operations app references each). */
export declare const operationCount: number;
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
