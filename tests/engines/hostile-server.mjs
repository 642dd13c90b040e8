// A real HTTP server on loopback that answers the points request in every way an API, a proxy or
// a network can go wrong, one case per member id (`GET /v2/users/{case}/points`), for the
// engine checks of hostile answers and faults (hostile.test.mjs). It allows any origin (the
// test page is served by loyalty-server on another port) and records every request: when it
// came, and whether the client went away before the answer was complete.
import { createServer } from "node:http";

/** The API documentation's sample answer, with `changes` applied. */
function points(changes = {}) {
  return {
    id: 16, total_points: 1000, redeemable_points: 1000, num_points_purchased: 0,
    activities: [{ name: "user registration", num_points: 1000, notes: null, date_created: 1460793600 }],
    fan_level: "New Fan", ...changes,
  };
}

const LONG = "x".repeat(100_000);

/** About 5 MB of valid points: 12,500 history entries. */
function fiveMegabytes() {
  const activities = [];
  for (let i = 0; activities.length < 12_500; i++) {
    activities.push({ name: `entry ${i} ${"·".repeat(150)}`, num_points: i, notes: "n".repeat(30), date_created: 1_400_000_000 + i * 3600 });
  }
  return JSON.stringify(points({ total_points: 5_000_000, activities }));
}

/** Markup where names go: if any of it ran, `window.__pwned` would be set. */
export const MARKUP = {
  fanLevel: '<img src=x onerror="window.__pwned=1">',
  name: "<script>window.__pwned=2</script>",
  notes: '"><svg onload="window.__pwned=3"></svg><iframe srcdoc="<script>parent.__pwned=4</script>">',
};

/** Right-to-left text, direction overrides and zero-width characters, to come back unchanged. */
export const BIDI = {
  fanLevel: "\u200Fمشجع جديد\u200F",
  name: "\u202Eevil.exe\u202C \u2067עברית\u2069",
  notes: "zero\u200Bwidth\u200Djoiner\uFEFFbom\u2060",
};

const json = (body, status = 200, headers = {}) => ({ status, headers: { "content-type": "application/json", ...headers }, body });

/**
 * The cases. Each is `(request, response, count)` → nothing (it answers, or not, itself), or an
 * answer `{ status, headers, body }`. `count` is how many requests this case had before.
 */
const CASES = {
  "empty-body": () => json(""),
  null: () => json("null"),
  "empty-array": () => json("[]"),
  "five-megabytes": () => json(fiveMegabytesBody()),
  "five-megabytes-junk": () => json("x".repeat(5 * 1024 * 1024)),
  truncated: () => json(JSON.stringify(points()).slice(0, 60)),
  "html-200": () => ({ status: 200, headers: { "content-type": "text/html" }, body: "<!doctype html><h1>Welcome</h1><script>window.__pwned=5</script>" }),
  "wrong-content-type": () => ({ status: 200, headers: { "content-type": "text/html; charset=iso-8859-1" }, body: JSON.stringify(points({ total_points: 4242 })) }),
  "no-content-type": () => ({ status: 200, headers: {}, body: JSON.stringify(points({ total_points: 4343 })) }),
  "negative-points": () => json(JSON.stringify(points({ total_points: -500, redeemable_points: -20, activities: [{ name: "reversal", num_points: -1500, date_created: 1460793600 }] }))),
  "fractional-points": () => json(JSON.stringify(points({ total_points: 12.5 }))),
  "long-strings": () => json(JSON.stringify(points({ fan_level: LONG, activities: [{ name: LONG, num_points: 1, notes: LONG, date_created: 1460793600 }] }))),
  markup: () => json(JSON.stringify(points({ fan_level: MARKUP.fanLevel, activities: [{ name: MARKUP.name, num_points: 1, notes: MARKUP.notes, date_created: 1460793600 }] }))),
  bidi: () => json(JSON.stringify(points({ fan_level: BIDI.fanLevel, activities: [{ name: BIDI.name, num_points: 1, notes: BIDI.notes, date_created: 1460793600 }] }))),
  // Headers and the start of a body, then nothing, ever.
  "never-finishes": (request, response) => {
    response.writeHead(200, { ...cors(), "content-type": "application/json", "content-length": "5000" });
    response.write(JSON.stringify(points()).slice(0, 40));
  },
  // Headers and part of the body, then the connection is reset.
  "reset-mid-body": (request, response) => {
    response.writeHead(200, { ...cors(), "content-type": "application/json", "content-length": "5000" });
    response.write(JSON.stringify(points()).slice(0, 40), () => {
      setTimeout(() => request.socket.resetAndDestroy(), 20);
    });
  },
  // The connection is accepted; no answer ever comes.
  stalled: () => {},
  "throttled-seconds": (request, response, count) =>
    count === 0 ? json('{"error":"rate_limited","message":"Too many requests."}', 429, { "retry-after": "1" }) : json(JSON.stringify(points({ total_points: 429 }))),
  // The `Date` is written from the same instant as the `Retry-After`, so the wait is 2 s: Node's
  // own `Date` is cached for up to a second, longer when its timers run late on a loaded machine
  // (a CI run saw 3 s).
  "unavailable-date": (request, response, count) => {
    if (count > 0) return json(JSON.stringify(points({ total_points: 503 })));
    const now = Date.now();
    const headers = { "content-type": "text/html", date: new Date(now).toUTCString(), "retry-after": new Date(now + 2000).toUTCString() };
    return { status: 503, headers, body: "<h1>503</h1>" };
  },
  "refresh-fails": (request, response, count) =>
    count === 0 ? json(JSON.stringify(points({ total_points: 777 }))) : json('{"error":"internal_error","message":"Something went wrong on our end."}', 500),
};

let fiveMegabytesCache = null;
function fiveMegabytesBody() {
  fiveMegabytesCache ??= fiveMegabytes();
  return fiveMegabytesCache;
}

/** `rapid-N` answers points with N total after 1.5 s: rapid member changes. */
function rapid(n) {
  return (request, response) => {
    const timer = setTimeout(() => send(response, json(JSON.stringify(points({ total_points: n, fan_level: `Rapid ${n}` })))), 1500);
    response.on("close", () => clearTimeout(timer));
  };
}

function cors() {
  return { "access-control-allow-origin": "*", "access-control-expose-headers": "Retry-After, Date" };
}

function send(response, answer) {
  const body = Buffer.from(answer.body, "utf8");
  response.writeHead(answer.status, { ...cors(), ...answer.headers, "content-length": String(body.length) });
  response.end(body);
}

/** Starts the server on a free loopback port; resolves with its origin, its records, `stop()`. */
export function startHostileServer() {
  /** Per case: `{ at, aborted, finished }` for each request, in order. */
  const requests = new Map();
  const sockets = new Set();
  const server = createServer((request, response) => {
    const match = new URL(request.url, "http://x").pathname.match(/^\/v2\/users\/([^/]+)\/points$/);
    const name = match ? decodeURIComponent(match[1]) : null;
    const handler = CASES[name] ?? (name?.startsWith("rapid-") ? rapid(Number(name.slice(6))) : null);
    if (!handler) {
      send(response, json('{"error":"param_error","message":"User does not exist."}', 404));
      return;
    }
    const record = { at: Date.now(), aborted: false, finished: false };
    const list = requests.get(name) ?? [];
    const count = list.length;
    list.push(record);
    requests.set(name, list);
    response.on("finish", () => (record.finished = true));
    response.on("close", () => (record.aborted = !record.finished));
    const answer = handler(request, response, count);
    if (answer) send(response, answer);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        requests: (name) => requests.get(name) ?? [],
        stop: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(done));
        },
      });
    });
  });
}

/** A loopback port with nothing listening on it (taken, then let go). */
export function closedPort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
