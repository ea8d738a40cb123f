// A TypeScript language service over sample files that import the SDK's sources,
// as an editor runs it: what a person sees on hover and in completion lists.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const root = join(import.meta.dirname, "../..");

/** A language service over `files` (name → text, placed in test/editor/), compiled with the project's strict options. */
export function languageService(files: Record<string, string>): ts.LanguageService {
  const names = Object.keys(files).map((f) => join(root, "test/editor", f));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    types: ["node"],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => names,
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const own = files[name.slice(join(root, "test/editor/").length)];
      const text = own ?? (ts.sys.fileExists(name) ? readFileSync(name, "utf8") : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => name.slice(join(root, "test/editor/").length) in files || ts.sys.fileExists(name),
    readFile: (name) => files[name.slice(join(root, "test/editor/").length)] ?? ts.sys.readFile(name),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

/** The absolute name of a sample file. */
export const sampleFile = (name: string): string => join(root, "test/editor", name);

/** Quick info (hover) at the first occurrence of `marker` in `text`, offset by `delta`, as the editor renders it. */
export function hover(service: ts.LanguageService, file: string, text: string, marker: string, delta = 0): string {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in the sample`);
  const info = service.getQuickInfoAtPosition(sampleFile(file), at + delta);
  if (!info) return "";
  const signature = ts.displayPartsToString(info.displayParts);
  const docs = ts.displayPartsToString(info.documentation);
  const tags = (info.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`).join("\n");
  return [signature, docs, tags].filter(Boolean).join("\n\n");
}
