// import() of a module named at run time. A bundler resolves `import("msw")` or
// `import("node:http")` at build time — pulling msw into an app's test bundle, or failing a
// browser build on node:http — even when the code path never runs. Behind a parameter the
// specifier is opaque to esbuild, Vite and webpack, and the runtime resolves it when called.

/** Imports `specifier` when called, never at build time. */
export function importAtRuntime<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ /* webpackIgnore: true */ specifier) as Promise<T>;
}
