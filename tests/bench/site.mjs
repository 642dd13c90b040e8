// What `make bench` serves: a loyalty-server (sample mode, `--static`) with a program file that
// adds members with long histories to the built-in ones, and a folder with the Rust bundle (a copy
// of dist/embed), the plain-JavaScript baseline (minified by esbuild, the Rust widget's CSS
// inlined) and the bench pages, one set per variant with the same host content.
//   node tests/bench/site.mjs        writes target/bench/ (run by `make bench`)
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");
export const out = join(root, "target/bench");
export const site = join(out, "site");
export const program = join(out, "program.json");

/** The history sizes of the bench members (`bench-10`, ... by username). */
export const HISTORIES = [10, 1000, 10000];

/** The pages of one variant: `{ name, members, count }`; the seed member is the API's sample. */
export const PAGES = [
  { name: "seed", label: "seed member (1 activity)", members: ["alice"] },
  ...HISTORIES.map((n) => ({ name: `h${n}`, label: `${n.toLocaleString("en-US")} activities`, members: [`bench-${n}`] })),
  { name: "twenty", label: "20 badges, seed member", members: Array(20).fill("alice") },
];

/** The variants: what each page loads. */
export const VARIANTS = {
  rust: "embed/loyalty-badge.js",
  js: "baseline/loyalty-badge.js",
};

/** A history of `count` entries, sent oldest first (the widget sorts), deterministic. */
function history(count) {
  let seed = count;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const earn = ["purchase", "product review", "referral bonus", "event check-in", "birthday bonus", "social share"];
  const spend = ["reward redemption: free shipping", "reward redemption: $10 voucher", "points adjustment"];
  let when = 946_684_800; // 2000-01-01T00:00:00Z
  const entries = [];
  for (let i = 0; i < count; i++) {
    when += 3600 + next(2 * 86_400);
    const spending = i % 9 === 8;
    entries.push({
      name: spending ? spend[next(spend.length)] : earn[next(earn.length)],
      num_points: spending ? -(100 + next(900)) : 10 + next(490),
      notes: i % 7 === 3 ? `Order #${10_000 + i}: thank you for shopping with us.` : null,
      date_created: when,
    });
  }
  return entries;
}

/** The built-in program plus the bench members. */
export function writeProgram() {
  const builtIn = JSON.parse(readFileSync(join(root, "server/data/sample-program.json"), "utf8"));
  for (const [i, count] of HISTORIES.entries()) {
    const activities = history(count);
    const total = activities.reduce((sum, a) => sum + Math.max(a.num_points, 0), 0);
    const redeemable = activities.reduce((sum, a) => sum + a.num_points, 0);
    builtIn.members.push({
      about: `make bench: ${count} activities`,
      ids: { id: String(9000 + i), username: `bench-${count}`, email: `bench-${count}@example.com` },
      response: {
        body: {
          id: 9000 + i, total_points: total, redeemable_points: redeemable, num_points_purchased: 0,
          activities, fan_level: "Bench Fan",
        },
      },
    });
  }
  // For the markup check: a busy member that asks to wait 1 s (the built-in one asks 30 s, twice,
  // before the badge shows its error), and a member with recent activities (relative dates,
  // written relative to now, with the full date as title).
  builtIn.members.push({
    about: "make bench's check: 429 with Retry-After: 1",
    ids: { id: "9100", username: "busy-briefly" },
    response: { status: 429, headers: { "Retry-After": "1" }, body: { error: "rate_limited", message: "Too many requests." } },
  });
  const now = Math.floor(Date.now() / 1000);
  const recent = [[600, "purchase", 120], [86_400 + 600, "product review", 50], [3 * 86_400, "reward redemption", -300], [10 * 86_400, "referral bonus", 500]];
  builtIn.members.push({
    about: "make bench's check: activities of the last days",
    ids: { id: "9101", username: "recent" },
    response: {
      body: {
        id: 9101, total_points: 670, redeemable_points: 370, num_points_purchased: 0, fan_level: "Recent Fan",
        activities: recent.map(([ago, name, num_points]) => ({ name, num_points, notes: null, date_created: now - ago })),
      },
    },
  });
  mkdirSync(out, { recursive: true });
  writeFileSync(program, JSON.stringify(builtIn));
}

/**
 * A bench page: the badges, then the same host content below them (for layout shift). The
 * script is render-blocking (`blocking="render"`, as README advises), for both variants alike.
 */
function page(title, script, badges) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="host.css">
  <script type="module" src="${script}" blocking="render"></script>
</head>
<body>
  <header class="site-header"><h1>Acme Outdoor · My account</h1><nav>Orders · Addresses · Sign out</nav></header>
  <main>
    <section class="badges">
${badges.map((b) => `      ${b}`).join("\n")}
    </section>
    <article class="host-content">
      <h2>Your recent orders</h2>
      <p>Order #10412 shipped on Monday: two pairs of trail socks and a headlamp. Track it from the
        orders page; returns are free within 30 days.</p>
      <p>Order #10388 was delivered last week. Tell us how the tent held up on your trip and earn
        50 points for a review.</p>
      <h2>Recommended for you</h2>
      <ul><li>Ultralight rain shell</li><li>Insulated bottle, 750 ml</li><li>Merino base layer</li></ul>
      <p>Members earn one point per dollar and double points on their birthday month.</p>
    </article>
  </main>
</body>
</html>
`;
}

const HOST_CSS = `/* The bench pages' host styles: a plain account page, the same for every variant. */
body { margin: 0; padding: 0 24px 48px; font: 16px/1.5 Georgia, serif; color: #222; background: #fafaf7; }
.site-header { display: flex; justify-content: space-between; align-items: center; gap: 16px; }
.badges { display: grid; gap: 12px; max-width: 40rem; }
.host-content { max-width: 40rem; }
`;

/** Writes the site: the bundle, the baseline, the pages and the check pages. */
export async function writeSite() {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, "baseline"), { recursive: true });
  cpSync(join(root, "dist/embed"), join(site, "embed"), { recursive: true });
  await build({
    entryPoints: [join(here, "baseline/loyalty-badge.js")],
    outfile: join(site, "baseline/loyalty-badge.js"),
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    loader: { ".css": "text" },
    logLevel: "warning",
  });
  writeFileSync(join(site, "host.css"), HOST_CSS);
  for (const [variant, script] of Object.entries(VARIANTS)) {
    for (const p of PAGES) {
      const badges = p.members.map((m) => `<loyalty-badge user-id="${m}" id-type="username"></loyalty-badge>`);
      writeFileSync(join(site, `${variant}-${p.name}.html`), page(`bench: ${variant}, ${p.label}`, script, badges));
    }
    const checks = CHECKS.map(([id, attributes]) => `<loyalty-badge id="${id}" ${attributes}></loyalty-badge>`);
    writeFileSync(join(site, `check-${variant}.html`), page(`markup check: ${variant}`, script, checks));
  }
}

/** The badges the markup check compares, one per state the two render (id, attributes). */
export const CHECKS = [
  ["seed", `user-id="alice@crowdtwist.com" id-type="email"`],
  ["long", `user-id="ben_long" id-type="username" page-size="5"`],
  ["empty", `user-id="new.member@example.com" id-type="email"`],
  // English words (the baseline has no other catalog), British numbers and dates.
  ["scripts", `user-id="zoe@example.com" id-type="email" theme="dark" locale="en-GB"`],
  ["mixed", `user-id="mixed" id-type="username" time-zone="America/New_York"`],
  ["recent", `user-id="recent" id-type="username" time-zone="UTC"`],
  // Hebrew has no catalog: English words laid out right to left, Hebrew dates.
  ["rtl", `user-id="alice" id-type="username" locale="he-IL" page-size="3"`],
  ["compact", `user-id="whale" id-type="username" variant="compact" theme="light"`],
  ["compact-open", `user-id="alice" id-type="username" variant="compact" open`],
  ["not-found", `user-id="nobody@example.com" id-type="email"`],
  ["gateway", `user-id="gateway" id-type="username"`],
  ["busy", `user-id="busy" id-type="username"`],
  ["busy-briefly", `user-id="busy-briefly" id-type="username"`],
  ["broken", `user-id="broken" id-type="username"`],
  ["no-id", `user-id=" "`],
  ["bad-id-type", `user-id="alice" id-type="login_name"`],
  ["slow", `user-id="slow" id-type="username"`],
  ["slow-compact", `user-id="slow" id-type="username" variant="compact"`],
];

/** Starts loyalty-server on a free port, serving the site with the bench program. */
export async function startServer() {
  const binary = process.env.LOYALTY_SERVER ?? join(root, "target/debug/loyalty-server");
  const server = spawn(binary, ["--port", "0", "--static", site, "--data", program], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const base = await new Promise((done, fail) => {
    let seen = "";
    server.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = /on (http:\/\/\S+)/.exec(seen);
      if (match) done(match[1]);
    });
    server.on("exit", (code) => fail(new Error(`loyalty-server exited (${code})`)));
  });
  server.stdout.resume();
  return { base, stop: () => server.kill() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeProgram();
  await writeSite();
  console.log(`wrote ${site} and ${program}`);
}
