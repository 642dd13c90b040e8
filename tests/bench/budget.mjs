// The byte budget (`make test-size`): the brotli -q 11 bytes of what a host page downloads for one
// badge (dist/embed's .js, .wasm and .css) must not exceed EMBED_BUDGET_KIB. Bytes are
// deterministic for a toolchain, so this is a test, unlike the timings of `make bench`.
//   EMBED_BUDGET_KIB=170 node tests/bench/budget.mjs [dist/embed]
import { assets, bytes, kib, table, total } from "./size.mjs";

const folder = process.argv[2] ?? "dist/embed";
const budgetKib = Number(process.env.EMBED_BUDGET_KIB);
if (!(budgetKib > 0)) {
  console.error("EMBED_BUDGET_KIB must be a positive number of KiB");
  process.exit(2);
}
const rows = assets(folder).map(bytes);
if (!rows.some((r) => r.file.endsWith(".wasm")) || !rows.some((r) => r.file.endsWith(".js"))) {
  console.error(`${folder} holds no bundle (.js and .wasm): run make embed first`);
  process.exit(2);
}
const sum = total(`total (${rows.length} files)`, rows);
console.log(table([...rows, sum]));
const budget = budgetKib * 1024;
const verdict = sum.brotli <= budget ? "within" : "OVER";
console.log(`embed bundle: ${sum.brotli.toLocaleString("en-US")} B brotli (${kib(sum.brotli)}), ${verdict} the budget of ${budgetKib} KiB (${budget.toLocaleString("en-US")} B)`);
process.exitCode = sum.brotli <= budget ? 0 : 1;
