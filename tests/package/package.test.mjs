// The npm package as a TypeScript site gets it (make test-package): packed from dist/npm
// (make package), installed offline from that tarball into this project, and compiled with
// `tsc --strict` by TypeScript 7 and 5: src/ must compile, each marked line in fail/ must be
// the error it names. Also: a project without React or Preact, the manifest against its schema,
// the module's exports against its types, and `npm publish --dry-run`.
//   node --test tests/package/        (NPM_PACKAGE=dir packs another folder than dist/npm)
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import Ajv from "ajv";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const packageDir = resolve(process.env.NPM_PACKAGE ?? join(repo, "dist/npm"));
const work = join(repo, "target/package-test");
const installed = join(here, "node_modules/loyalty-badge");

// TypeScript 7 checks every project, declaration files included. TypeScript 5 checks the main
// project and fail/ with --skipLibCheck (checking React's own declarations takes it ~10 s of CPU;
// our declarations are still what every use is checked against), and the project without React
// in full, our declarations included.
const compilers = [
  ["TypeScript 7", join(here, "node_modules/typescript/bin/tsc"), ["tsconfig.json", "tsconfig.node.json"], []],
  ["TypeScript 5", join(here, "node_modules/typescript-5/bin/tsc"), ["tsconfig.json"], ["--skipLibCheck"]],
];

/** Runs a command; its exit status, standard output and standard error. */
function run(command, args, cwd = here) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that must succeed; its standard output. */
function ok(command, args, cwd = here) {
  const result = run(command, args, cwd);
  assert.equal(result.status, 0, `${command} ${args.join(" ")}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Starts `tsc -p project`; resolves to its exit status and output. */
async function tsc(compiler, project, options = []) {
  try {
    const args = [compiler, "-p", project, "--pretty", "false", ...options];
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      cwd: here,
      maxBuffer: 1 << 24,
    });
    return { status: 0, stdout };
  } catch (error) {
    if (typeof error.code !== "number") throw error;
    return { status: error.code, stdout: `${error.stdout}${error.stderr}` };
  }
}

let packed;
let tarball;
/** The compilers' runs, started together once the package is installed: compiler → project → run. */
const runs = new Map();

before(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  [packed] = JSON.parse(ok("npm", ["pack", packageDir, "--pack-destination", work, "--json"]));
  tarball = join(work, packed.filename);
  // From the tarball, without the network, leaving package.json and the lock file alone.
  ok("npm", ["install", "--offline", "--no-save", "--no-audit", "--no-fund", tarball]);
  const plain = preparePlainProject();
  for (const [name, compiler, projects, options] of compilers) {
    const started = new Map();
    for (const project of [...projects, "tsconfig.fail.json"]) {
      started.set(project, tsc(compiler, project, options));
    }
    started.set("plain", tsc(compiler, plain));
    runs.set(name, started);
  }
});

/** A project with the package and neither React nor Preact, in target/package-test/plain. */
function preparePlainProject() {
  const plain = join(work, "plain");
  mkdirSync(plain, { recursive: true });
  writeFileSync(join(plain, "package.json"), JSON.stringify({ private: true, type: "module" }));
  ok("npm", ["install", "--offline", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", tarball], plain);
  for (const file of ["plain.ts", "tsconfig.json"]) copyFileSync(join(here, "plain", file), join(plain, file));
  return plain;
}

test("the tarball holds the bundle, its types, its manifest, package.json, README and the licenses", () => {
  const files = packed.files.map((file) => file.path).sort();
  assert.deepEqual(files, [
    "LICENSE-APACHE",
    "LICENSE-MIT",
    "README.md",
    "custom-elements.json",
    "loyalty-badge.d.ts",
    "loyalty-badge.js",
    "loyalty-badge_bg.wasm",
    "package.json",
  ]);
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  assert.equal(manifest.name, "loyalty-badge");
  assert.equal(manifest.private, undefined);
  assert.equal(manifest.type, "module");
  assert.deepEqual(Object.keys(manifest.exports["."]), ["types", "default"], "types first");
  assert.equal(manifest.customElements, "custom-elements.json");
  console.log(`${packed.filename}: ${packed.size} B packed, ${packed.unpackedSize} B unpacked, ${files.length} files`);
});

/** The errors a tsc run reported: file, line, code and the whole message. */
function errors(output) {
  const found = [];
  for (const line of output.split("\n")) {
    const match = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
    if (match) found.push({ file: match[1], line: Number(match[2]), code: match[3], message: match[4] });
    else if (line.startsWith(" ") && found.length > 0) found.at(-1).message += `\n${line.trim()}`;
  }
  return found;
}

/** The errors fail/ expects: a `expect-error TSnnnn[|TSmmmm]: text` comment names the next line's. */
function expectedErrors() {
  const expected = [];
  for (const name of readdirSync(join(here, "fail")).sort()) {
    const lines = readFileSync(join(here, "fail", name), "utf8").split("\n");
    lines.forEach((line, index) => {
      const match = /expect-error ((?:TS\d+\|?)+): (.*?)( \*\/\})?$/.exec(line);
      if (match) {
        expected.push({ file: `fail/${name}`, line: index + 2, codes: match[1].split("|"), text: match[2] });
      }
    });
    assert.ok(expected.some((e) => e.file === `fail/${name}`), `fail/${name} expects no error`);
  }
  return expected;
}

for (const [name, , projects] of compilers) {
  test(`the example project compiles with tsc --strict (${name})`, async () => {
    for (const project of projects) {
      const result = await runs.get(name).get(project);
      assert.equal(result.status, 0, `${project}:\n${result.stdout}`);
    }
  });

  test(`each mistake in fail/ is the error it names, and nothing else fails (${name})`, async () => {
    const result = await runs.get(name).get("tsconfig.fail.json");
    assert.notEqual(result.status, 0);
    const reported = errors(result.stdout);
    const expected = expectedErrors();
    for (const want of expected) {
      const match = reported.find(
        (got) => got.file === want.file && got.line === want.line && want.codes.includes(got.code),
      );
      assert.ok(match, `${want.file}:${want.line}: expected ${want.codes.join(" or ")}, got:\n${result.stdout}`);
      assert.ok(match.message.includes(want.text), `${want.file}:${want.line}: ${match.message}`);
    }
    const unexpected = reported.filter(
      (got) => !expected.some((want) => got.file === want.file && got.line === want.line),
    );
    assert.deepEqual(unexpected, [], "errors no line of fail/ expects");
    console.log(`${name}: ${expected.length} mistakes in ${new Set(expected.map((e) => e.file)).size} files, each its error`);
  });

  test(`a project without React or Preact compiles against the package (${name})`, async () => {
    const result = await runs.get(name).get("plain");
    assert.equal(result.status, 0, result.stdout);
  });
}

/** The names the declarations export as values (`export declare function|const NAME`). */
function declaredValues() {
  const types = readFileSync(join(installed, "loyalty-badge.d.ts"), "utf8");
  return [...types.matchAll(/^export declare (?:function|const) (\w+)/gm)].map((m) => m[1]).sort();
}

test("custom-elements.json follows the schema and describes the element and the exports", () => {
  const schema = JSON.parse(readFileSync(join(here, "node_modules/custom-elements-manifest/schema.json"), "utf8"));
  const manifest = JSON.parse(readFileSync(join(installed, "custom-elements.json"), "utf8"));
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
  assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
  const [module] = manifest.modules;
  assert.equal(module.path, "loyalty-badge.js");
  const element = module.declarations.find((d) => d.customElement);
  assert.equal(element.tagName, "loyalty-badge");
  assert.ok(element.attributes.length > 0 && element.events.length > 0 && element.cssParts.length > 0);
  const exported = module.exports.filter((e) => e.kind === "js").map((e) => e.name).sort();
  assert.deepEqual(exported, declaredValues());
});

test("the module exports what its declarations declare", async () => {
  const module = await import("loyalty-badge");
  // Node.js cannot fetch the wasm beside the module: ready rejects, saying so.
  await assert.rejects(module.ready, /could not load the WebAssembly module/);
  for (const name of declaredValues()) assert.ok(name in module, `the module exports ${name}`);
  assert.equal(typeof module.mount, "function");
  assert.equal(module.mount.length, 2);
});

test("npm publish --dry-run accepts the package", () => {
  const result = run("npm", ["publish", "--dry-run", "--json", packageDir], work);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.equal(JSON.parse(result.stdout)["loyalty-badge"].id, `loyalty-badge@${packed.version}`);
});
