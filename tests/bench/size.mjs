// Bytes: raw, gzip -9 and brotli -q 11 (zlib's level 9 and brotli's quality 11, as the command
// line tools' flags) of every .wasm, .js and .css file under the folders given. Figures only.
//   node tests/bench/size.mjs dist dist/embed
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** `{ file, raw, gzip, brotli }` of one file. */
export function bytes(file) {
  const data = readFileSync(file);
  return {
    file,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  };
}

/** The .wasm, .js and .css files directly in `folder`: what a host page downloads from it. */
export function assets(folder) {
  return readdirSync(folder)
    .sort()
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile() && /\.(wasm|js|css)$/.test(path));
}

/** The sum of some rows, as a row named `file`. */
export function total(file, rows) {
  const sum = (key) => rows.reduce((n, r) => n + r[key], 0);
  return { file, raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") };
}

export const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const cell = (n) => `${n.toLocaleString("en-US")} B (${kib(n)})`;

/** A Markdown table of rows. */
export function table(rows) {
  const lines = ["| file | raw | gzip -9 | brotli -q 11 |", "|---|---:|---:|---:|"];
  for (const r of rows) lines.push(`| ${r.file} | ${cell(r.raw)} | ${cell(r.gzip)} | ${cell(r.brotli)} |`);
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folders = process.argv.slice(2).length ? process.argv.slice(2) : ["dist"];
  const rows = folders.flatMap(assets).map(bytes);
  if (rows.length === 0) {
    console.error(`no .wasm/.js/.css files in ${folders.join(", ")}: build first`);
    process.exit(1);
  }
  console.log(table(rows));
}
