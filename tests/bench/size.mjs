// Size benchmark: prints the raw, gzip and brotli bytes of every .wasm, .js and .css file under
// the folders given (default: dist). Figures only; it never fails on a size.
//   node tests/bench/size.mjs dist dist/embed
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const folders = process.argv.slice(2).length ? process.argv.slice(2) : ["dist"];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const rows = [];
for (const folder of folders) {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (!statSync(path).isFile() || !/\.(wasm|js|css)$/.test(name)) continue;
    const bytes = readFileSync(path);
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const brotli = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    rows.push({ file: path, raw: bytes.length, gzip, brotli });
  }
}
if (rows.length === 0) {
  console.error(`no .wasm/.js/.css files in ${folders.join(", ")}: build first`);
  process.exit(1);
}
const width = Math.max(...rows.map((r) => r.file.length));
console.log(`${"file".padEnd(width)}  ${"raw".padStart(20)}  ${"gzip -9".padStart(20)}  ${"brotli -q 11".padStart(20)}`);
for (const r of rows) {
  const cell = (n) => `${n} B (${kb(n)})`.padStart(20);
  console.log(`${r.file.padEnd(width)}  ${cell(r.raw)}  ${cell(r.gzip)}  ${cell(r.brotli)}`);
}
