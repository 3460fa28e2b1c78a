#!/usr/bin/env node
// GraphQL-over-HTTP conformance audit.
//
// Runs the official graphql-http server audit suite (the same `serverAudits`
// list that `auditServer` executes, and that HotChocolate, Apollo, Yoga, ...
// are certified with) against $GRAPHQL_URL. Every request carries the header
// `X-Api-Key: $GRAPHQL_API_KEY`.
//
// Env:
//   GRAPHQL_URL          (required) e.g. http://127.0.0.1:5000/graphql
//   GRAPHQL_API_KEY      (required unless ALLOW_NO_API_KEY=1) sent as X-Api-Key
//   REPORT_PATH          (optional) where to write the JSON report
//   REQUEST_TIMEOUT_MS   (optional, default 15000) per-request timeout
//
// Exit codes: 0 = no MUST audit failed (warnings/notices allowed),
//             1 = at least one MUST audit failed (or could not run),
//             2 = usage error (missing env).

import { writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serverAudits } from 'graphql-http';

const require = createRequire(import.meta.url);

const url = process.env.GRAPHQL_URL;
const apiKey = process.env.GRAPHQL_API_KEY;
const reportPath = process.env.REPORT_PATH;
const requestTimeoutMs = Number(process.env.REQUEST_TIMEOUT_MS || 15000);

if (!url) {
  console.error('audit: GRAPHQL_URL is required');
  process.exit(2);
}
if (!apiKey && process.env.ALLOW_NO_API_KEY !== '1') {
  console.error('audit: GRAPHQL_API_KEY is required (set ALLOW_NO_API_KEY=1 to run without it)');
  process.exit(2);
}

function packageVersion(name) {
  try {
    const pkgPath = require.resolve(`${name}/package.json`);
    return JSON.parse(readFileSync(pkgPath, 'utf8')).version;
  } catch {
    return undefined;
  }
}

// Remember which request produced which Response (including clones the
// audits make), so failures can show exactly what was sent.
const requestOf = new WeakMap();
function tagResponse(res, reqInfo) {
  requestOf.set(res, reqInfo);
  const clone = res.clone.bind(res);
  res.clone = () => tagResponse(clone(), reqInfo);
  return res;
}

/** fetch wrapper that adds the API key to every request the audit makes. */
async function fetchWithApiKey(input, init = {}) {
  const headers = new Headers(init.headers);
  if (apiKey) headers.set('X-Api-Key', apiKey);
  const reqInfo = {
    method: init.method || 'GET',
    url: String(input),
    // note: for a string body without content-type, fetch itself adds
    // "content-type: text/plain;charset=UTF-8" on the wire
    headers: Object.fromEntries(
      [...headers.entries()].map(([k, v]) => [k, k === 'x-api-key' ? '<redacted>' : v]),
    ),
    body: init.body === undefined ? null : String(init.body),
  };
  const res = await fetch(input, {
    ...init,
    headers,
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  return tagResponse(res, reqInfo);
}

function levelOf(name) {
  return name.split(' ', 1)[0]; // MUST | SHOULD | MAY
}

async function describeResponse(res) {
  if (!res) return null;
  const headers = {};
  for (const [k, v] of res.headers.entries()) headers[k] = v;
  let body = null;
  if (!res.bodyUsed) {
    try {
      const text = await res.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = text.length > 4096 ? text.slice(0, 4096) + '...<truncated>' : text;
      }
    } catch (err) {
      body = `<unreadable body: ${err?.message ?? err}>`;
    }
  } else {
    body = '<body already consumed>';
  }
  return { status: res.status, statusText: res.statusText, headers, body };
}

const audits = serverAudits({ url, fetchFn: fetchWithApiKey });

// Same as graphql-http's `auditServer` (Promise.all over serverAudits), except
// that a fatal error in one audit (network failure, timeout) is recorded as an
// error for that audit instead of aborting the whole run.
const results = await Promise.all(
  audits.map(async (a) => {
    try {
      return await a.fn();
    } catch (err) {
      return {
        id: a.id,
        name: a.name,
        status: 'error',
        fatal: true,
        reason: `Audit could not run: ${err?.cause?.message || err?.message || String(err)}`,
        response: null,
      };
    }
  }),
);

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
const nonOk = [];
const symbols = { ok: 'ok    ', notice: 'notice', warn: 'warn  ', error: 'ERROR ' };

for (const r of results) {
  counts[r.status] = (counts[r.status] || 0) + 1;
  console.log(`[${symbols[r.status] ?? r.status}] ${r.id} ${r.name}`);
  if (r.status !== 'ok') {
    const response = await describeResponse(r.response);
    const request = r.response ? requestOf.get(r.response) ?? null : null;
    const entry = {
      id: r.id,
      name: r.name,
      level: levelOf(r.name),
      status: r.status,
      reason: r.reason,
      ...(r.fatal ? { fatal: true } : {}),
      request,
      response,
    };
    nonOk.push(entry);
    console.log(`         reason:   ${r.reason}`);
    if (request) console.log(`         request:  ${JSON.stringify(request)}`);
    if (response) console.log(`         response: ${JSON.stringify(response)}`);
  }
}

console.log(
  `\naudit: ${results.length} audits: ${counts.ok} ok, ${counts.notice} notice (MAY), ` +
    `${counts.warn} warn (SHOULD), ${counts.error} error (MUST)`,
);

if (reportPath) {
  const report = {
    url,
    graphqlHttpVersion: packageVersion('graphql-http'),
    total: results.length,
    counts,
    nonOk,
    results: results.map((r) => ({ id: r.id, status: r.status, name: r.name })),
  };
  writeFileSync(reportPath, JSON.stringify(report, null, 2));
  console.log(`audit: report written to ${reportPath}`);
}

process.exit(counts.error > 0 ? 1 : 0);
