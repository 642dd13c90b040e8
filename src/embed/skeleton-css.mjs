// Build step of `make embed`: writes loader.js with its skeleton's sheet (`LOADER_CSS`) filled in
// from src/ui/styles.css, so that the rules the skeleton uses have one source.
//   node src/embed/skeleton-css.mjs src/embed/loader.js src/ui/styles.css > out.js
//
// In loader.js, `LOADER_CSS` is a template literal listing, one a line, the selectors of the
// styles.css rules the skeleton needs: `selector` for a top-level rule, `@media (...) { selector }`
// for a rule inside that `@media` block, `@keyframes name` for a whole animation. It is replaced
// by a string of those rules, in styles.css's order (so the cascade is the same), minified (as the
// wasm minifies its copy, src/ui/styles.rs, and without the `;` before a `}`). A selector
// styles.css does not have fails the build.
import { readFileSync } from "node:fs";

const [loaderPath, stylesPath] = process.argv.slice(2);
if (!loaderPath || !stylesPath) {
  console.error("usage: node skeleton-css.mjs loader.js styles.css");
  process.exit(2);
}
const fail = (message) => {
  console.error(`skeleton-css: ${message}`);
  process.exit(1);
};

/** Whitespace runs as one space, none next to `{ } ; ,` or after `:`; quoted text as it is. */
function minify(css) {
  let out = "";
  for (const [piece, quoted] of splitQuoted(css)) {
    out += quoted ? piece : piece.replace(/\s+/g, " ").replace(/ ?([{};,]) ?/g, "$1").replace(/: /g, ":");
  }
  return out.trim();
}

/** `[text, isQuoted]` pieces of `css`, quoted strings apart. */
function splitQuoted(css) {
  const pieces = [];
  let from = 0;
  for (const match of css.matchAll(/"[^"]*"|'[^']*'/g)) {
    pieces.push([css.slice(from, match.index), false], [match[0], true]);
    from = match.index + match[0].length;
  }
  pieces.push([css.slice(from), false]);
  return pieces;
}

/** The top-level blocks of `css` (comments removed): `{ prelude, body }`, in order. */
function blocks(css) {
  const found = [];
  let depth = 0;
  let start = 0;
  let open = -1;
  let quote = null;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "{") {
      if (depth++ === 0) open = i;
    } else if (c === "}") {
      if (depth === 0) fail(`an unmatched } at ${i}`);
      if (--depth === 0) {
        found.push({ prelude: minify(css.slice(start, open)), body: css.slice(open + 1, i) });
        start = i + 1;
      }
    }
  }
  if (depth !== 0 || css.slice(start).trim()) fail("a block is not closed");
  return found;
}

const styles = readFileSync(stylesPath, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
const loader = readFileSync(loaderPath, "utf8");
const marker = /const LOADER_CSS = `([^`]*)`;/;
const listed = loader.match(marker);
if (!listed) fail(`${loaderPath} has no \`const LOADER_CSS = \`...\`;\``);

const wanted = new Set();
for (const line of listed[1].split("\n").map((l) => l.trim()).filter(Boolean)) {
  const nested = line.match(/^(@media [^{]+)\{(.+)\}$/);
  wanted.add(nested ? `${minify(nested[1])}{${minify(nested[2])}}` : minify(line));
}

let css = "";
const used = new Set();
for (const { prelude, body } of blocks(styles)) {
  if (prelude.startsWith("@media")) {
    const inner = blocks(body).filter((rule) => wanted.has(`${prelude}{${rule.prelude}}`));
    for (const rule of inner) used.add(`${prelude}{${rule.prelude}}`);
    if (inner.length) css += `${prelude}{${inner.map((r) => `${r.prelude}{${minify(r.body)}}`).join("")}}`;
  } else if (wanted.has(prelude)) {
    used.add(prelude);
    css += `${prelude}{${minify(body)}}`;
  }
}
const missing = [...wanted].filter((selector) => !used.has(selector));
if (missing.length) fail(`${stylesPath} has no rule for: ${missing.join(" | ")}`);

// `$` in a replacement string is special; a function's result is taken as it is.
// A declaration block's last `;` is not needed either.
css = splitQuoted(css).map(([piece, quoted]) => (quoted ? piece : piece.replace(/;}/g, "}"))).join("");
process.stdout.write(loader.replace(marker, () => `const LOADER_CSS = ${JSON.stringify(css)};`));
