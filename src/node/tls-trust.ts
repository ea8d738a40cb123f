/// <reference types="node" />
// The certificates createNodeFetch trusts when given `ca`: the process's defaults PLUS `ca`.
//
// Node's own `ca` option replaces the whole trust store — the bundled roots and the
// NODE_EXTRA_CA_CERTS file alike (checked on Node 20: with `ca` set, a server signed by a
// CA from NODE_EXTRA_CA_CERTS fails SELF_SIGNED_CERT_IN_CHAIN). A user adding the CA of a
// TLS-inspecting proxy means "also trust this", so the defaults are kept.
import { readFileSync } from "node:fs";
import * as tls from "node:tls";

/** PEM certificates, as `tls.connect`'s `ca` takes them. */
export type CaOption = string | Uint8Array | readonly (string | Uint8Array)[];

/**
 * One SecureContext trusting the defaults and `ca`, built once: passing a long `ca` list to
 * every connection instead would parse it again for each TLS handshake.
 */
export function trustingContext(ca: CaOption): tls.SecureContext {
  const extra = (typeof ca === "string" || ca instanceof Uint8Array ? [ca] : [...ca]).map((c) =>
    typeof c === "string" ? c : Buffer.from(c).toString("utf8"),
  );
  return tls.createSecureContext({ ca: [...defaultCertificates(), ...extra] });
}

/**
 * What Node trusts when no `ca` is given. Node 22.15+ says so itself (bundled roots,
 * NODE_EXTRA_CA_CERTS, and the system store under --use-system-ca); on older Node it is the
 * bundled roots plus the NODE_EXTRA_CA_CERTS file — which Node read at startup, and which
 * is read again here from the same variable.
 */
function defaultCertificates(): string[] {
  const getCACertificates = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates;
  if (typeof getCACertificates === "function") return getCACertificates("default");
  const file = process.env.NODE_EXTRA_CA_CERTS;
  let extra: string[] = [];
  if (file) {
    try {
      extra = [readFileSync(file, "utf8")];
    } catch {
      // Node already warned at startup that it could not read this file, and ignored it: so do we.
    }
  }
  return [...tls.rootCertificates, ...extra];
}
