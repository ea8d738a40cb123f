// API keys as the sandbox sees them: their kind (from the prefix, as Chirp documents
// them) and the only form in which a key is ever recorded.

/** What a key is: an app key (test or live) or an admin key. */
export type KeyKind = "test_app" | "live_app" | "admin";

/** The kind of `key` from its prefix, or undefined when it is no Chirp key. */
export function keyKind(key: string): KeyKind | undefined {
  if (/^sk_test_app_\S+$/.test(key)) return "test_app";
  if (/^sk_live_app_\S+$/.test(key)) return "live_app";
  if (/^sk_admin_\S+$/.test(key)) return "admin";
  return undefined;
}

/** The key from an `Authorization: Bearer …` header, or undefined. */
export function bearerKey(header: string | null): string | undefined {
  const m = header === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** How a recorded `Authorization` header reads: the key's kind only (`Bearer sk_test_app_…`), never the key. */
export function redactAuthorization(header: string): string {
  const kind = keyKind(bearerKey(header) ?? "");
  return kind ? `Bearer sk_${kind}_…` : "[not a Chirp key]";
}
