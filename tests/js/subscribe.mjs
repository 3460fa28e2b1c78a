#!/usr/bin/env node
// Runs one GraphQL subscription over WebSocket (graphql-transport-ws) with the
// reference graphql-ws client and records what the server sent.
//
// Env:
//   GRAPHQL_URL       (required) http(s)://.../graphql; http->ws, https->wss
//   GRAPHQL_API_KEY   (required unless ALLOW_NO_API_KEY=1) sent as
//                     connection_init payload { "apiKey": "<key>" }
//   SUBSCRIPTION      (required) the subscription document
//   VARIABLES         (optional) JSON object of variables
//   OPERATION_NAME    (optional)
//   TIMEOUT_MS        (optional, default 30000) overall time limit
//   REPORT_PATH       (optional) JSON report file
//   EXPECT_ERROR=1    (optional) invert: succeed only if the server rejects the
//                     subscription or the connection
//
// Normal mode exit 0: the server completed the subscription normally, at
// least one `next` payload arrived and no payload carried `errors`.
// EXPECT_ERROR mode exit 0: the server rejected it: a graphql-transport-ws
// `error` message, a close with a 4xxx code (4400 BadRequest, 4401
// Unauthorized, 4403 Forbidden, ...) or 1008 (policy violation), an HTTP 4xx
// answer to the WebSocket upgrade, or `next` payloads that carry `errors` and
// no data. Connection failures (refused, 1006) and timeouts never count.
// Exit 1 otherwise; 2 = usage error.

import { writeFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const httpUrl = process.env.GRAPHQL_URL;
const apiKey = process.env.GRAPHQL_API_KEY;
const query = process.env.SUBSCRIPTION;
const operationName = process.env.OPERATION_NAME || undefined;
const reportPath = process.env.REPORT_PATH;
const timeoutMs = Number(process.env.TIMEOUT_MS || 30000);
const expectError = ['1', 'true', 'yes'].includes(String(process.env.EXPECT_ERROR || '').toLowerCase());

function usage(msg) {
  console.error(`subscribe: ${msg}`);
  process.exit(2);
}
if (!httpUrl) usage('GRAPHQL_URL is required');
if (!apiKey && process.env.ALLOW_NO_API_KEY !== '1') usage('GRAPHQL_API_KEY is required (set ALLOW_NO_API_KEY=1 to run without it)');
if (!query) usage('SUBSCRIPTION is required');
let variables;
if (process.env.VARIABLES) {
  try {
    variables = JSON.parse(process.env.VARIABLES);
  } catch (err) {
    usage(`VARIABLES is not valid JSON: ${err.message}`);
  }
}

const wsUrl = httpUrl.replace(/^http(s?):\/\//i, 'ws$1://');

const payloads = [];
const closes = []; // every close event seen
const socketErrors = []; // transport-level errors (e.g. unexpected upgrade response)
let connected = false;

const client = createClient({
  url: wsUrl,
  webSocketImpl: WebSocket,
  connectionParams: apiKey ? { apiKey } : undefined,
  lazy: true,
  retryAttempts: 0,
  shouldRetry: () => false,
  on: {
    connected: () => {
      connected = true;
    },
    closed: (event) => {
      const e = { code: event?.code, reason: event?.reason || '', wasClean: event?.wasClean };
      closes.push(e);
      // A server-initiated close while the subscription is still running ends
      // the run (the client may otherwise try to reconnect on code 1000).
      finish({ kind: 'closed', close: e });
    },
    error: (err) => {
      const message = err?.message || err?.error?.message || String(err);
      const m = /Unexpected server response: (\d{3})/.exec(message);
      socketErrors.push({ message, ...(m ? { httpStatus: Number(m[1]) } : {}) });
    },
  },
});

let settle;
const outcomePromise = new Promise((resolve) => (settle = resolve));
let settled = false;
function finish(outcome) {
  if (settled) return;
  settled = true;
  settle(outcome);
}

const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);

const startedAt = Date.now();
const unsubscribe = client.subscribe(
  { query, ...(variables !== undefined ? { variables } : {}), ...(operationName ? { operationName } : {}) },
  {
    next: (value) => {
      payloads.push(value);
      console.log(`subscribe: next #${payloads.length}: ${JSON.stringify(value)}`);
    },
    error: (err) => finish({ kind: 'error', err }),
    complete: () => finish({ kind: 'complete' }),
  },
);

const outcome = await outcomePromise;
clearTimeout(timer);

// Describe the error the sink received: GraphQL errors (protocol `error`
// message), a CloseEvent, or a plain Error.
function describeError(err) {
  if (Array.isArray(err)) return { type: 'graphql-errors', errors: err };
  if (err && typeof err === 'object' && 'code' in err && 'reason' in err) {
    return { type: 'close', code: err.code, reason: err.reason || '', wasClean: err.wasClean };
  }
  return { type: 'exception', message: err?.message || String(err) };
}

let error = null;
let closeCode = null;
if (outcome.kind === 'error') {
  error = describeError(outcome.err);
  if (error.type === 'close') closeCode = error.code;
} else if (outcome.kind === 'closed') {
  error = { type: 'close', ...outcome.close };
  closeCode = outcome.close.code;
} else if (outcome.kind === 'timeout') {
  error = { type: 'timeout', message: `no completion within ${timeoutMs} ms` };
}
const httpStatus = socketErrors.find((e) => e.httpStatus)?.httpStatus ?? null;

const payloadErrors = payloads.filter((p) => p && Array.isArray(p.errors) && p.errors.length > 0);

let rejected = false;
let rejectedBy = null;
if (error?.type === 'graphql-errors') {
  rejected = true;
  rejectedBy = 'error message';
} else if (closeCode != null && ((closeCode >= 4000 && closeCode <= 4499) || closeCode === 1008)) {
  rejected = true;
  rejectedBy = `close ${closeCode}`;
} else if (httpStatus != null && httpStatus >= 400 && httpStatus <= 499) {
  rejected = true;
  rejectedBy = `HTTP ${httpStatus} on upgrade`;
} else if (payloadErrors.length > 0 && payloads.every((p) => p.data == null)) {
  rejected = true;
  rejectedBy = 'next payload with errors';
}

const completedNormally = outcome.kind === 'complete';
const success = expectError
  ? rejected
  : completedNormally && payloads.length > 0 && payloadErrors.length === 0;

const report = {
  url: wsUrl,
  mode: expectError ? 'expect-error' : 'normal',
  success,
  outcome: outcome.kind, // complete | error | closed | timeout
  connected,
  elapsedMs: Date.now() - startedAt,
  count: payloads.length,
  payloads,
  error,
  closeCode,
  httpStatus,
  rejected,
  rejectedBy,
  closes,
  socketErrors,
};

console.log(`subscribe: ${JSON.stringify(payloads)}`);
console.log(
  `subscribe: outcome=${outcome.kind} payloads=${payloads.length}` +
    (error ? ` error=${JSON.stringify(error)}` : '') +
    (expectError ? ` rejected=${rejected}${rejectedBy ? ` (${rejectedBy})` : ''}` : ''),
);
if (reportPath) writeFileSync(reportPath, JSON.stringify(report, null, 2));

try {
  unsubscribe();
} catch {}
try {
  await client.dispose();
} catch {}

console.log(`subscribe: ${success ? 'PASS' : 'FAIL'} (${report.mode})`);
process.exit(success ? 0 : 1);
