// node bench/bundle-parts.mjs [app] [--fine]
//
// What each source module costs one of bench/sizes.mjs's apps ("chirp-sdk" unless named), in
// gzip bytes: the app is bundled from src/ as test/budgets.test.ts bundles it from dist/
// (esbuild, browser, minified, gzip level 9), each byte of the output attributed to its source
// module through the source map, and each module's bytes taken out in turn. A row is the gzip
// bytes the app would lose without that module (its marginal cost: gzip folds repeated text, so
// the rows add up to more than the whole), and its minified bytes.
//
// Why marginal gzip bytes: a module's minified size says little about what it costs after gzip.
// A table of 76 repeated shapes is 9 kB minified and 1.4 kB gzipped; 2 kB of new logic costs
// nearly 1 kB. Issue 18's bundle work was steered by these rows. Modules are grouped by folder
// (src/call/, src/errors/, …) unless --fine.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { apps, browserBundle } from "./sizes.mjs";

const args = process.argv.slice(2);
const fine = args.includes("--fine");
const app = args.find((a) => !a.startsWith("--")) ?? "chirp-sdk";
if (!apps[app]) throw new Error(`no app ${JSON.stringify(app)}; one of: ${Object.keys(apps).join(", ")}`);

// The same bundle as bench/sizes.mjs makes for the budgets (from src/), with a source map to attribute its bytes.
const result = await build({ ...browserBundle(apps[app]), sourcemap: "external", outfile: "bundle.js" });
const code = result.outputFiles.find((f) => f.path.endsWith(".js")).text;
const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith(".map")).text);

// The source index of every output character, from the map's VLQ segments.
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function decode(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
const lines = code.split("\n");
const mapLines = map.mappings.split(";");
const owners = [];
let source = 0;
for (let l = 0; l < lines.length; l++) {
  const owner = new Int32Array(lines[l].length).fill(-1);
  const marks = [];
  let column = 0;
  for (const segment of (mapLines[l] ?? "").split(",").filter(Boolean)) {
    const v = decode(segment);
    column += v[0];
    if (v.length > 1) source += v[1];
    marks.push([column, v.length > 1 ? source : -1]);
  }
  for (let i = 0; i < marks.length; i++) {
    owner.fill(marks[i][1], marks[i][0], i + 1 < marks.length ? marks[i + 1][0] : owner.length);
  }
  owners.push(owner);
}

const name = (path) => {
  const short = path
    .replace(/^.*node_modules\/([^/]+).*/, "$1")
    .replace(/^.*\/src\//, "src/")
    .replace(/\.ts$/, "");
  return fine ? short : short.replace(/^(src\/(?:call|errors|rate-limit|webhooks|otel|node|testing))\/.*/, "$1/");
};
const gzip = (text) => gzipSync(text, { level: 9 }).length;
const whole = gzip(code);
const rows = [];
for (const part of new Set(map.sources.map(name))) {
  let without = "";
  for (let l = 0; l < lines.length; l++) {
    const owner = owners[l];
    let kept = "";
    for (let i = 0; i < lines[l].length; i++)
      if (owner[i] < 0 || name(map.sources[owner[i]]) !== part) kept += lines[l][i];
    without += `${kept}\n`;
  }
  rows.push({ part, gzip: whole - gzip(without), min: code.length - without.length });
}
console.log(`${app}: ${code.length} B minified, ${whole} B min+gzip (from src/)`);
console.log("gzip B  min B  module");
for (const r of rows.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`${String(r.gzip).padStart(6)} ${String(r.min).padStart(6)}  ${r.part}`);
}
