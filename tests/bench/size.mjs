// Bytes: raw, `gzip -9` (the gzip command, as a server's precompression would run it) and brotli
// -q 11 (node's brotli at quality 11: the same bytes as the brotli command's -q 11) of every .wasm,
// .js and .css file under the folders given. Figures only.
//   node tests/bench/size.mjs dist dist/embed
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { brotliCompressSync, constants } from "node:zlib";

/** `{ file, raw, gzip, brotli }` of one file. */
export function bytes(file) {
  const data = readFileSync(file);
  return {
    file,
    raw: data.length,
    gzip: execFileSync("gzip", ["-9", "-n", "-c"], { input: data, maxBuffer: 1 << 30 }).length,
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
