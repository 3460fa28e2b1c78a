#!/usr/bin/env node
// Introspects the GraphQL gateway and checks that its schema is documented.
//
// POSTs the standard introspection query (graphql's getIntrospectionQuery())
// to $GRAPHQL_URL with `X-Api-Key: $GRAPHQL_API_KEY`, builds a client schema
// with buildClientSchema, optionally prints the SDL to $SCHEMA_OUT, and checks:
//   * the schema has a query type;
//   * every server-defined named type (not `__*` introspection types, not the
//     built-in scalars) has a non-empty description;
//   * every field of every object/interface type and every input field of every
//     input object type has a non-empty description.
// Missing argument / enum value / directive descriptions are listed as
// advisories but do not fail the run.
//
// Env:
//   GRAPHQL_URL          (required)
//   GRAPHQL_API_KEY      (required unless ALLOW_NO_API_KEY=1)
//   SCHEMA_OUT           (optional) file to write the printed SDL to
//   REPORT_PATH          (optional) JSON report {queryType, types, missing, advisories}
//   REQUEST_TIMEOUT_MS   (optional, default 30000)
//
// Exit codes: 0 = ok, 1 = introspection failed or descriptions missing, 2 = usage.

import { writeFileSync } from 'node:fs';
import {
  buildClientSchema,
  getIntrospectionQuery,
  printSchema,
  isSpecifiedScalarType,
  isIntrospectionType,
  isSpecifiedDirective,
  isObjectType,
  isInterfaceType,
  isInputObjectType,
  isEnumType,
} from 'graphql';

const url = process.env.GRAPHQL_URL;
const apiKey = process.env.GRAPHQL_API_KEY;
const schemaOut = process.env.SCHEMA_OUT;
const reportPath = process.env.REPORT_PATH;
const requestTimeoutMs = Number(process.env.REQUEST_TIMEOUT_MS || 30000);

if (!url) {
  console.error('introspect: GRAPHQL_URL is required');
  process.exit(2);
}
if (!apiKey && process.env.ALLOW_NO_API_KEY !== '1') {
  console.error('introspect: GRAPHQL_API_KEY is required (set ALLOW_NO_API_KEY=1 to run without it)');
  process.exit(2);
}

function writeReport(report) {
  if (reportPath) writeFileSync(reportPath, JSON.stringify(report, null, 2));
}

function fail(message, extra = {}) {
  console.error(`introspect: ${message}`);
  writeReport({ ok: false, error: message, ...extra });
  process.exit(1);
}

let res;
try {
  res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(apiKey ? { 'x-api-key': apiKey } : {}),
    },
    body: JSON.stringify({ query: getIntrospectionQuery(), operationName: 'IntrospectionQuery' }),
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
} catch (err) {
  fail(`request failed: ${err?.cause?.message || err?.message || err}`);
}

const text = await res.text();
let body;
try {
  body = JSON.parse(text);
} catch {
  fail(`response is not JSON (HTTP ${res.status}): ${text.slice(0, 2000)}`, { httpStatus: res.status });
}
if (res.status !== 200) {
  fail(`unexpected HTTP status ${res.status}: ${text.slice(0, 2000)}`, { httpStatus: res.status, body });
}
if (body.errors && body.errors.length) {
  fail(`introspection returned errors: ${JSON.stringify(body.errors)}`, { httpStatus: res.status, body });
}
if (!body.data || !body.data.__schema) {
  fail(`introspection returned no data.__schema: ${text.slice(0, 2000)}`, { httpStatus: res.status, body });
}

let schema;
try {
  schema = buildClientSchema(body.data);
} catch (err) {
  fail(`buildClientSchema failed: ${err?.message || err}`);
}

const sdl = printSchema(schema);
if (schemaOut) {
  writeFileSync(schemaOut, sdl.endsWith('\n') ? sdl : sdl + '\n');
  console.log(`introspect: schema SDL written to ${schemaOut}`);
} else {
  console.log(sdl);
}

const isBlank = (d) => d == null || String(d).trim() === '';
const missing = []; // enforced
const advisories = []; // reported only

const queryType = schema.getQueryType();
if (!queryType) fail('schema has no query type', { sdl });

const serverTypes = Object.values(schema.getTypeMap()).filter(
  (t) => !t.name.startsWith('__') && !isIntrospectionType(t) && !isSpecifiedScalarType(t),
);

for (const type of serverTypes) {
  if (isBlank(type.description)) missing.push(`type ${type.name}`);

  if (isObjectType(type) || isInterfaceType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (isBlank(field.description)) missing.push(`field ${type.name}.${field.name}`);
      for (const arg of field.args) {
        if (isBlank(arg.description)) advisories.push(`argument ${type.name}.${field.name}(${arg.name})`);
      }
    }
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (isBlank(field.description)) missing.push(`input field ${type.name}.${field.name}`);
    }
  } else if (isEnumType(type)) {
    for (const value of type.getValues()) {
      if (isBlank(value.description)) advisories.push(`enum value ${type.name}.${value.name}`);
    }
  }
}
for (const directive of schema.getDirectives()) {
  if (!isSpecifiedDirective(directive) && isBlank(directive.description)) {
    advisories.push(`directive @${directive.name}`);
  }
}

console.log(
  `introspect: query type ${queryType ? queryType.name : '<none>'}, ` +
    `${serverTypes.length} server-defined types`,
);
for (const a of advisories) console.log(`introspect: advisory: missing description on ${a}`);
for (const m of missing) console.error(`introspect: MISSING description on ${m}`);

writeReport({
  ok: missing.length === 0,
  queryType: queryType ? queryType.name : null,
  mutationType: schema.getMutationType()?.name ?? null,
  subscriptionType: schema.getSubscriptionType()?.name ?? null,
  types: serverTypes.map((t) => t.name),
  missing,
  advisories,
});

if (missing.length) {
  console.error(`introspect: ${missing.length} missing description(s)`);
  process.exit(1);
}
console.log('introspect: ok, every server-defined type and field has a description');
process.exit(0);
