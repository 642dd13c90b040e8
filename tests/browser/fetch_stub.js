// A stand-in for window.fetch, for browser tests that need answers a real server cannot give
// on demand (a hang, a dropped connection, a precise sequence). It honours the request's
// AbortSignal the way fetch does, and records every call.
//
// Routes are keyed by the decoded member id (the {user_id} path segment). A route is a list of
// answers used in turn, the last one repeating:
//   { status, body, headers, delay_ms }  an HTTP answer after delay_ms
//   { status, body, at_once: true }      an HTTP answer with no timer (on a microtask)
//   { hang: true }                       never answers (until aborted)
//   { network_error: true }              rejects like a dropped connection
//   { reject_with: value }               rejects with `value` itself (a string, null, an object:
//                                        what a host page's own fetch wrapper may do)
//   { throw_with: value }                throws `value` at once instead of returning a promise
//   { resolve_with: value }              resolves with `value`, which is not a Response
//   { body_error: value }                answers 200, then the body fails with `value`

const state = { routes: new Map(), calls: [] };

function memberId(url) {
  const match = new URL(url).pathname.match(/\/v2\/users\/([^/]*)\/points$/);
  return match ? decodeURIComponent(match[1]) : null;
}

function stubFetch(input, init) {
  const request = input instanceof Request ? input : new Request(input, init);
  const id = memberId(request.url);
  const call = {
    url: request.url,
    member_id: id,
    member_token: request.headers.get("x-member-token"),
    aborted: false,
    settled: false,
    at: performance.now(),
  };
  state.calls.push(call);
  const answers = state.routes.get(id) ?? [
    { status: 404, body: '{"error":"param_error","message":"User does not exist."}' },
  ];
  const answer = answers.length > 1 ? answers.shift() : answers[0];
  if ("throw_with" in answer) {
    call.settled = true;
    throw answer.throw_with;
  }
  return new Promise((resolve, reject) => {
    let timer = null;
    const signal = request.signal;
    const onAbort = () => {
      call.aborted = true;
      clearTimeout(timer);
      reject(new DOMException("The operation was aborted.", "AbortError"));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    if (answer.hang) return;
    const answerNow = () => {
      signal.removeEventListener("abort", onAbort);
      call.settled = true;
      if (answer.network_error) {
        reject(new TypeError("Failed to fetch"));
        return;
      }
      if ("reject_with" in answer) {
        reject(answer.reject_with);
        return;
      }
      if ("resolve_with" in answer) {
        resolve(answer.resolve_with);
        return;
      }
      if ("body_error" in answer) {
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"total_points": 1'));
            controller.error(answer.body_error);
          },
        });
        resolve(new Response(body, { status: 200 }));
        return;
      }
      const headers = answer.headers ?? { "content-type": "application/json" };
      resolve(new Response(answer.body ?? "", { status: answer.status ?? 200, headers }));
    };
    if (answer.at_once) answerNow();
    else timer = setTimeout(answerNow, answer.delay_ms ?? 0);
  });
}

export function install_fetch_stub() {
  globalThis.fetch = stubFetch;
}

export function stub_route(member_id, answers_json) {
  state.routes.set(member_id, JSON.parse(answers_json));
}

export function stub_calls_json(member_id) {
  return JSON.stringify(state.calls.filter((call) => call.member_id === member_id));
}
