#!/usr/bin/env node
// Sends one scripted shopping session through each tracker library merchants run,
// @segment/analytics-node and @rudderstack/rudder-sdk-node, to the platform's tracker
// source; resends Segment's first request as a client retry would, then aliases an
// anonymous visit to the Segment user.
//
// Env:
//   TRACKER_URL   (required) the source's base, e.g. http://127.0.0.1:5080/tracker
//   WRITE_KEY     (required) a TRACKER key of the tenant
//   CAMPAIGN_ID   (required) a running campaign: the promotion and the coupon name it
//   RUN           (required) a prefix for the users' ids
//   REPORT_PATH   (optional) JSON report: { users, requests, retryStatus, errors }
//
// Exit 0 when both libraries delivered every batch without an error; 1 otherwise; 2 = usage error.

import { writeFileSync } from 'node:fs';
import { Analytics as SegmentAnalytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';

const trackerUrl = process.env.TRACKER_URL;
const writeKey = process.env.WRITE_KEY;
const campaignId = process.env.CAMPAIGN_ID;
const run = process.env.RUN;
if (!trackerUrl || !writeKey || !campaignId || !run) {
  console.error('trackers: TRACKER_URL, WRITE_KEY, CAMPAIGN_ID and RUN are required');
  process.exit(2);
}

const errors = [];

// The session: search, two views, add to cart, a promotion seen, a coupon applied, an order of two products, a review,
// plus what the source does not store: a page call, an event outside the spec, and an order with a negative revenue.
function session(send, userId) {
  send('identify', { userId, traits: { age: 34, gender: 'female', plan: 'gold', email: `${userId}@example.com`, tags: ['newsletter'] } });
  send('track', { userId, event: 'Products Searched', properties: { query: 'board games' } });
  send('track', { userId, event: 'Promotion Viewed', properties: { promotion_id: campaignId, creative: 'top_banner', name: 'Winter sale' } });
  send('track', { userId, event: 'Product Viewed', properties: { product_id: 'monopoly-3', sku: '45790-32', category: 'Games', name: 'Monopoly: 3rd Edition', price: 19, currency: 'usd' } });
  send('track', { userId, event: 'Product Viewed', properties: { product_id: 'uno', sku: '46493-32', category: 'Games', name: 'Uno Card Game', price: 3 } });
  send('track', { userId, event: 'Product Added', properties: { product_id: 'monopoly-3', category: 'Games', price: 19, quantity: 1 } });
  send('page', { userId, name: 'Checkout', properties: { path: '/checkout' } });
  send('track', { userId, event: 'Checkout Started', properties: { order_id: `${userId}-o1` } });
  send('track', { userId, event: 'Coupon Applied', properties: { coupon_id: campaignId, coupon_name: 'Winter sale', discount: 5, currency: 'USD', order_id: `${userId}-o1` } });
  send('track', {
    userId, event: 'Order Completed', properties: {
      order_id: `${userId}-o1`, revenue: 25, total: 27.5, shipping: 2.5, coupon: campaignId, currency: 'USD',
      products: [
        { product_id: 'monopoly-3', sku: '45790-32', category: 'Games', price: 19, quantity: 1 },
        { product_id: 'uno', sku: '46493-32', category: 'Games', price: 3, quantity: 2 },
      ],
    },
  });
  send('track', { userId, event: 'Order Completed', properties: { order_id: `${userId}-bad`, revenue: -10, currency: 'USD' } });
  send('track', { userId, event: 'Product Reviewed', properties: { product_id: 'uno', rating: 5, review_body: 'Great fun' } });
}

async function viaSegment(userId) {
  const requests = [];
  const analytics = new SegmentAnalytics({ writeKey, host: new URL(trackerUrl).origin, path: `${new URL(trackerUrl).pathname}/v1/batch`, flushInterval: 200, maxRetries: 2 });
  analytics.on('http_request', (request) => requests.push(request));
  analytics.on('error', (error) => errors.push(`segment: ${error?.reason ?? error?.message ?? error}`));
  session((call, message) => analytics[call](message), userId);
  // An anonymous visit that signs up: its view must end up in the known user's history.
  analytics.track({ anonymousId: `${userId}-anon`, event: 'Product Viewed', properties: { product_id: 'chess', category: 'Games' } });
  await analytics.flush();
  // A client retrying a request it got no answer to: the same body again. Exactly once by messageId: nothing is stored twice.
  const retry = await fetch(requests[0].url, { method: 'POST', headers: requests[0].headers, body: requests[0].body });
  analytics.alias({ previousId: `${userId}-anon`, userId });
  await analytics.closeAndFlush({ timeout: 20000 });
  return { requests: requests.length, retryStatus: retry.status };
}

async function viaRudder(userId) {
  const client = new RudderAnalytics(writeKey, { dataPlaneUrl: trackerUrl, flushAt: 50, flushInterval: 200, logLevel: 'error', errorHandler: (error) => errors.push(`rudder: ${error?.message ?? error}`) });
  session((call, message) => client[call](message), userId);
  await client.flush();
}

const segmentUser = `${run}-segment`;
const rudderUser = `${run}-rudder`;
const segment = await viaSegment(segmentUser);
await viaRudder(rudderUser);

const report = { users: [segmentUser, rudderUser], ...segment, errors };
console.log(JSON.stringify(report));
if (process.env.REPORT_PATH) {
  writeFileSync(process.env.REPORT_PATH, JSON.stringify(report));
}

process.exit(errors.length === 0 && segment.retryStatus === 200 ? 0 : 1);
