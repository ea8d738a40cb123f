// The content codings a server may answer with, and how to produce each.
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";

/** [Content-Encoding value, encoder] for each coding fetch decodes (raw deflate: servers send it as "deflate"). */
export const encodings: ReadonlyArray<readonly [string, (text: string) => Buffer]> = [
  ["gzip", (t) => gzipSync(t)],
  ["deflate", (t) => deflateSync(t)],
  ["deflate", (t) => deflateRawSync(t)],
  ["br", (t) => brotliCompressSync(t)],
];
