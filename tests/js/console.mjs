#!/usr/bin/env node
// Drives the web console in Debian's Chromium (playwright-core, no browser download) against a running gateway.
//
// Env:
//   CONSOLE_URL     (required) the gateway's base URL, e.g. http://127.0.0.1:5080
//   ADMIN_KEY       (required) an ADMIN key of the tenant under test
//   PARTNER_KEY     (required) a PARTNER key of the same tenant
//   CAMPAIGN_ID     (required) a RUNNING campaign of the tenant
//   USER_ID         (required) a user with events
//   IMPORT_CSV      (optional) a past experiment (CSV, gzip or not) to import through the imports page (columns id, age, visits, offer,
//                   bought, revenue; offer 1 is a 10% email, 0 control); then an uplift model is trained from the
//                   models page, a schedule saved and a forecast run (needs a worker). Left out: those steps are skipped.
//   SCREENSHOTS     (optional) folder for one PNG per page
//   CHROMIUM        (optional, default /usr/bin/chromium)
//   WRITE=0         (optional) change nothing: no events, campaigns or webhooks are made (screenshots of a live demo)
//   REPORT_PATH     (optional) JSON report: every step with its outcome
//
// Exit 0 when every step passed, 1 when one failed (the report and stderr name it), 2 on a usage error.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = process.env;
for (const name of ['CONSOLE_URL', 'ADMIN_KEY', 'PARTNER_KEY', 'CAMPAIGN_ID', 'USER_ID']) {
  if (!env[name]) {
    console.error(`console: ${name} is required`);
    process.exit(2);
  }
}
const base = env.CONSOLE_URL.replace(/\/$/, '');
const write = env.WRITE !== '0';
const shots = env.SCREENSHOTS;
if (shots) mkdirSync(shots, { recursive: true });
const steps = [];
const runId = Date.now().toString(36);

async function graphql(key, query, variables) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json', 'X-Api-Key': key },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

async function sendEvents(events) {
  const { body } = await graphql(env.ADMIN_KEY, 'mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted rejected } }', { e: events });
  if (body.errors || body.data.ingestEvents.rejected > 0) throw new Error(`ingestEvents failed: ${JSON.stringify(body)}`);
}

const number = (text) => Number(String(text).replace(/[^0-9.-]/g, ''));

async function step(name, action) {
  const started = Date.now();
  try {
    await action();
    steps.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    steps.push({ name, ok: false, ms: Date.now() - started, error: String(error?.stack ?? error) });
    console.error(`FAIL ${name}: ${error?.stack ?? error}`);
    throw error;
  }
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page, key) {
  await page.goto(`${base}/`);
  await page.fill('input[name=apiKey]', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
}

const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));

  await step('a wrong key is refused at sign-in', async () => {
    await page.goto(`${base}/`);
    await page.fill('input[name=apiKey]', 'not-a-key');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error:has-text("INVALID_API_KEY")');
  });

  await step('an ADMIN signs in; the key stays in session storage, never in the URL', async () => {
    await signIn(page, env.ADMIN_KEY);
    const who = await page.textContent('[data-testid=who]');
    if (!who.endsWith('ADMIN')) throw new Error(`signed in as "${who}"`);
    if (page.url().includes(env.ADMIN_KEY)) throw new Error('the key is in the URL');
    const stored = await page.evaluate(() => sessionStorage.getItem('platform.apiKey'));
    if (stored !== env.ADMIN_KEY) throw new Error('the key is not in session storage');
    const links = await page.locator('header nav a').allTextContents();
    if (links.join() !== 'Audience,Shoppers,Campaigns,What-if,Imports,Models,Webhooks') throw new Error(`navigation: ${links}`);
  });

  await step('the audience page counts users and draws their distributions', async () => {
    await page.goto(`${base}/#/audience`);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=audience-users]')?.textContent?.replace(/,/g, '')) > 0);
    await page.waitForSelector('canvas[data-testid=chart-rfmSegments]');
    await shot(page, 'audience');
  });

  await step('a broken audience rule is reported at the rule editor', async () => {
    await page.fill('[data-testid=audience-input]', '{"rule": {"field": "age", "op": "GTE"}}');
    await page.waitForSelector('[data-field=audience] .field-error:has-text("rule")');
  });

  if (write) await step('a rule is saved as a named segment; a bad name is refused at its field', async () => {
    await page.fill('[data-testid=audience-input]', '{"rule": {"field": "rfm.f", "op": "GTE", "number": 2}}');
    await page.fill('input[name=segmentName]', 'Not A Name');
    await page.click('button:has-text("Save segment")');
    await page.waitForSelector('[data-field=name] .field-error');
    await page.fill('input[name=segmentName]', `console-${runId}`);
    await page.click('button:has-text("Save segment")');
    await page.waitForSelector(`[data-testid=segments] button:has-text("console-${runId}")`);
  });

  await step('the shopper page shows the live profile and follows new events', async () => {
    await page.goto(`${base}/#/shoppers/${encodeURIComponent(env.USER_ID)}`);
    await page.waitForSelector('[data-testid=profile-id]');
    const before = number(await page.textContent('[data-testid=profile-purchases]'));
    if (write) {
      await sendEvents([{ eventId: `console-${runId}-p`, userId: env.USER_ID, type: 'PURCHASE', occurredAt: new Date().toISOString(), amount: 42, currency: 'EUR', itemId: 'console-sku' }]);
      await page.waitForFunction((b) => Number(document.querySelector('[data-testid=profile-purchases]')?.textContent?.replace(/,/g, '')) === b + 1, before, { timeout: 15000 });
    }
    await shot(page, 'shopper');
  });

  await step('the campaign list shows the running campaign', async () => {
    await page.goto(`${base}/#/campaigns`);
    await page.waitForSelector(`[data-testid=campaigns] a[href="#/campaigns/${encodeURIComponent(env.CAMPAIGN_ID)}"]`);
    await shot(page, 'campaigns');
  });

  await step('the KPI chart updates live after events are ingested', async () => {
    await page.goto(`${base}/#/campaigns/${encodeURIComponent(env.CAMPAIGN_ID)}`);
    await page.waitForSelector('canvas[data-testid=chart-kpis][data-reach]');
    const reach = () => page.evaluate(() => Number(document.querySelector('canvas[data-testid=chart-kpis]').dataset.reach));
    const points = () => page.evaluate(() => Number(document.querySelector('canvas[data-testid=chart-kpis]').dataset.points));
    const [reachBefore, pointsBefore] = [await reach(), await points()];
    if (write) {
      const at = new Date().toISOString();
      await sendEvents(Array.from({ length: 5 }, (_, i) => ({
        eventId: `console-${runId}-x${i}`, userId: `console-${runId}-u${i}`, type: 'CAMPAIGN_EXPOSURE', occurredAt: at, campaignId: env.CAMPAIGN_ID,
      })));
      await page.waitForFunction(([r]) => Number(document.querySelector('canvas[data-testid=chart-kpis]').dataset.reach) >= r + 5, [reachBefore], { timeout: 20000 });
      if ((await points()) <= pointsBefore) throw new Error('the chart has no new point');
    }
    await shot(page, 'campaign');
  });

  await step('a design with broken rules shows each message at its field', async () => {
    await page.goto(`${base}/#/campaigns/new`);
    await page.fill('input[name=name]', `Console test ${runId}`);
    await page.fill('input[name=endsAt]', '2020-01-01T00:00');
    await page.fill('[data-testid=audience-input]', '{"rule": {"field": "age", "op": "GTE"}}');
    await page.click('form.form button[type=submit]');
    await page.waitForSelector('[data-field=endsAt] .field-error');
    await page.waitForSelector('[data-field=audience] .field-error');
    await shot(page, 'campaign-form');
  });

  if (write) await step('a fixed design is created as a DRAFT', async () => {
    const end = new Date(Date.now() + 14 * 86400000);
    const local = new Date(end.getTime() - end.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
    await page.fill('input[name=endsAt]', local);
    await page.fill('[data-testid=audience-input]', '{"rule": {"field": "age", "op": "GTE", "number": 30}}');
    await page.click('form.form button[type=submit]');
    await page.waitForSelector('[data-testid=campaign-status]:has-text("DRAFT")');
    if (!(await page.isVisible('.actions button:has-text("Launch")'))) throw new Error('no Launch button on a DRAFT');
  });

  if (write) await step('a DRAFT is edited: an emptied budget is refused at its field, a new name and value are saved', async () => {
    await page.click('.actions a:has-text("Edit")');
    await page.waitForSelector('button:has-text("Save changes")');
    if (await page.isDisabled('select[name=type]')) throw new Error('a DRAFT\'s type is locked');
    await page.fill('input[name=budget]', '500');
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('[data-testid=campaign-status]:has-text("DRAFT")');
    await page.click('.actions a:has-text("Edit")');
    await page.waitForSelector('button:has-text("Save changes")');
    if ((await page.inputValue('input[name=budget]')) !== '500') throw new Error('the saved budget is not shown');
    await page.fill('input[name=budget]', '');
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('[data-field=budget] .field-error');
    await page.fill('input[name=budget]', '750');
    await page.fill('input[name=name]', `Console test ${runId} (edited)`);
    await page.fill('input[name=value]', '15');
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector(`h1:has-text("Console test ${runId} (edited)")`);
    await page.waitForSelector('.hint:has-text("PERCENT_OFF 15")');
  });

  await step('a RUNNING campaign\'s edit form leaves only name, budget, end and daily cap open', async () => {
    await page.goto(`${base}/#/campaigns/${encodeURIComponent(env.CAMPAIGN_ID)}/edit`);
    await page.waitForSelector('button:has-text("Save changes")');
    for (const locked of ['select[name=type]', 'input[name=value]', 'input[name=holdoutShare]', '[data-testid=audience-input]']) {
      if (!(await page.isDisabled(locked))) throw new Error(`${locked} is open on a RUNNING campaign`);
    }
    for (const open of ['input[name=name]', 'input[name=budget]', 'input[name=endsAt]', 'input[name=frequencyCapPerDay]']) {
      if (await page.isDisabled(open)) throw new Error(`${open} is locked on a RUNNING campaign`);
    }
    await shot(page, 'campaign-edit');
  });

  await step('a PARTNER sees campaigns only and is refused an edit', async () => {
    const partnerContext = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    const partner = await partnerContext.newPage();
    await signIn(partner, env.PARTNER_KEY);
    const links = await partner.locator('header nav a').allTextContents();
    if (links.join() !== 'Campaigns,Webhooks') throw new Error(`navigation: ${links}`);
    await partner.goto(`${base}/#/campaigns/${encodeURIComponent(env.CAMPAIGN_ID)}`);
    await partner.waitForSelector('[data-testid=campaign-status]');
    if ((await partner.locator('.actions button').count()) > 0) throw new Error('a PARTNER is offered lifecycle buttons');
    await partner.goto(`${base}/#/campaigns/new`);
    await partner.waitForSelector('.error:has-text("PARTNER")');
    const refused = await partner.evaluate(async (id) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': sessionStorage.getItem('platform.apiKey') },
        body: JSON.stringify({ query: 'mutation($id: ID!) { pauseCampaign(id: $id) { status } }', variables: { id } }),
      });
      return { status: response.status, code: (await response.json()).errors?.[0]?.extensions?.code };
    }, env.CAMPAIGN_ID);
    if (refused.status !== 403 || refused.code !== 'FORBIDDEN') throw new Error(`the server answered ${JSON.stringify(refused)}`);
    await partnerContext.close();
  });

  if (env.IMPORT_CSV) {
    await step('a CSV import (gzip) with its mapping shows the progress bar finish and the rejected rows', async () => {
      await page.goto(`${base}/#/imports`);
      await page.selectOption('select[name=kind]', 'EXPERIMENT');
      await page.setInputFiles('input[name=file]', env.IMPORT_CSV);
      await page.waitForSelector('select[name="experiment.assignmentColumn"] option[value=offer]', { state: 'attached' });
      await page.fill('input[name="experiment.name"]', `console-${runId}`);
      await page.selectOption('select[name="experiment.userIdColumn"]', 'id');
      await page.selectOption('select[name="experiment.assignmentColumn"]', 'offer');
      await page.selectOption('select[name="experiment.conversionColumn"]', 'bought');
      await page.selectOption('select[name="experiment.revenueColumn"]', 'revenue');
      await page.fill('input[name="experiment.windowDays"]', '14');
      await page.selectOption('select[name="missing.age"]', 'DEFAULT');
      await page.fill('input[name="default.age"]', '40');
      await page.selectOption('select[name="missing.revenue"]', 'IMPUTE');
      await page.click('form.form button[type=submit]');
      await page.waitForSelector('[data-testid=import-status]:has-text("SUCCEEDED")', { timeout: 120000 });
      const value = await page.getAttribute('[data-testid=import-progress]', 'value');
      if (value !== '100') throw new Error(`the progress bar stopped at ${value}`);
      await page.waitForSelector('[data-testid=rejections] td');
      await shot(page, 'imports');
    });

    await step('an ADMIN trains an uplift model from the models page and follows the run live', async () => {
      await page.goto(`${base}/#/models`);
      await page.click('[data-task=UPLIFT] button:has-text("Train now")');
      await page.waitForSelector('[data-testid=training-UPLIFT]');
      await page.waitForSelector('[data-task=UPLIFT] [data-status=SUCCEEDED]', { timeout: 240000 });
      await page.waitForSelector('[data-task=UPLIFT] .status.active');
      await page.waitForSelector('[data-task=UPLIFT] canvas[data-testid=chart-qini]');
      await page.waitForSelector('[data-task=UPLIFT] canvas[data-testid=chart-calibration]');
    });

  }

  await step('the models page shows each version against its baseline', async () => {
    await page.goto(`${base}/#/models`);
    await page.waitForSelector('[data-task=UPLIFT] .status.active');
    await shot(page, 'models');
  });

  if (write) {
    await step('a broken schedule is refused at its field; a good one is saved with its next run', async () => {
      await page.fill('[data-task=UPLIFT] input[name=cron]', '* * * * *');
      await page.click('[data-task=UPLIFT] form button[type=submit]');
      await page.waitForSelector('[data-task=UPLIFT] [data-field=cron] .field-error');
      await page.fill('[data-task=UPLIFT] input[name=cron]', '0 4 * * *');
      await page.fill('[data-task=UPLIFT] input[name=timeZone]', 'Europe/Paris');
      await page.click('[data-task=UPLIFT] form button[type=submit]');
      await page.waitForSelector('[data-testid=schedule-UPLIFT]:has-text("0 4 * * *")');
    });

  }

  await step('the what-if page forecasts a design with its intervals', async () => {
    await page.goto(`${base}/#/what-if`);
    await page.fill('input[name=name]', `What-if ${runId}`);
    await page.fill('input[name=costPerContact]', '0.05');
    await page.click('form.form button[type=submit]');
    await page.waitForSelector('[data-testid=forecast-margin]', { timeout: 60000 });
    const rows = await page.locator('[data-testid=forecast] table tr').count();
    if (rows !== 10) throw new Error(`the forecast table has ${rows} rows`);
    const contact = await page.locator('[data-testid=forecast] table tr:has-text("Contact cost") td').nth(1).innerText();
    if (!(Number(contact.replace(/[^0-9.]/g, '')) > 0)) throw new Error(`the contact cost of a design that costs 0.05 a contact reads ${contact}`);
    await shot(page, 'what-if');
  });

  await step('the optimizer searches designs around it and draws the cost-margin frontier', async () => {
    await page.click('button:has-text("Search designs")');
    await page.waitForSelector('[data-testid=optimization-status]:has-text("SUCCEEDED")', { timeout: 120000 });
    await page.waitForSelector('canvas[data-testid=chart-frontier]');
    await page.waitForSelector('[data-testid=optimization] table td');
    await shot(page, 'optimizer');
  });

  await step('an ADMIN registers a webhook; a bad URL is refused at its field', async () => {
    await page.goto(`${base}/#/webhooks`);
    await page.fill('input[name=url]', 'ftp://partner.example/hook');
    await page.fill('input[name=secret]', 'a-secret-of-enough-length');
    await page.click('form.form button[type=submit]');
    await page.waitForSelector('[data-field=url] .field-error');
    if (!write) return;
    await page.fill('input[name=url]', `http://127.0.0.1:9/console-${runId}`);
    await page.fill('input[name=secret]', 'a-secret-of-enough-length');
    await page.click('form.form button[type=submit]');
    const hook = `[data-webhook="http://127.0.0.1:9/console-${runId}"]`;
    await page.waitForSelector(hook);
    await shot(page, 'webhooks');
    await page.click(`${hook} button:has-text("Disable")`);
    await page.waitForSelector(`${hook} .hint:has-text("disabled by disableWebhook")`);
    await page.click(`${hook} button:has-text("Enable")`);
    await page.waitForSelector(`${hook} button:has-text("Disable")`);
  });

  await step('the explorer at /graphql runs a query with the signed-in key', async () => {
    await page.goto(`${base}/graphql`);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30000 });
    await page.click('.graphiql-execute-button');
    await page.waitForSelector('.graphiql-response .view-lines:has-text("callerRole")', { timeout: 30000 });
    const response = await page.textContent('.graphiql-response .view-lines');
    if (!response.includes('ADMIN')) throw new Error(`the explorer answered ${response}`);
    await shot(page, 'explorer');
  });

  await step('no page raised a script error', async () => {
    if (pageErrors.length > 0) throw new Error(pageErrors.join('\n'));
  });
} catch {
  failed = true;
} finally {
  await browser.close();
  if (env.REPORT_PATH) writeFileSync(env.REPORT_PATH, JSON.stringify({ steps }, null, 2));
}
process.exit(failed ? 1 : 0);
