import { ApiError, gql } from '../api';
import { append, errorBox, field, format, h, replace, showAtFields } from '../dom';

interface Webhook {
  id: string;
  url: string;
  events: string[];
  campaignIds: string[] | null;
  active: boolean;
  consecutiveFailures: number;
  disabledReason: string | null;
  deliveries: { nodes: { id: string; event: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; createdAt: string }[] };
}

const events = ['CAMPAIGN_KPIS', 'CAMPAIGN_STATUS', 'CAMPAIGN_ALERT'];
const listQuery = `{ webhooks { id url events campaignIds active consecutiveFailures disabledReason
  deliveries(first: 10) { nodes { id event status attempts lastStatusCode lastError createdAt } } } }`;

/** Signed KPI and status webhooks: register one, read its delivery log, disable or enable one, delete. */
export function webhooksPage(root: HTMLElement): void {
  const list = h('div');
  const message = h('div');
  const url = h('input', { name: 'url', type: 'url', placeholder: 'https://partner.example/hooks/kpis' });
  const secret = h('input', { name: 'secret', type: 'password', autocomplete: 'off', placeholder: '16 to 256 characters' });
  const campaignIds = h('input', { name: 'campaignIds', placeholder: 'all campaigns' });
  const boxes = events.map((e) => h('input', { type: 'checkbox', name: 'events', value: e, checked: e !== 'CAMPAIGN_ALERT' }));
  const form = h('form', { class: 'card form', novalidate: true },
    field('url', 'URL', url), field('secret', 'Signing secret (HMAC-SHA256)', secret),
    field('campaignIds', 'Only these campaigns (comma-separated ids)', campaignIds),
    field('events', 'Events', ...boxes.map((b) => h('span', {}, b, ` ${b.value} `))),
    message, h('button', { type: 'submit' }, 'Register'));
  root.append(h('h1', {}, 'Webhooks'), form, list);

  async function load(): Promise<void> {
    const { webhooks } = await gql<{ webhooks: Webhook[] }>(listQuery);
    replace(list, ...(webhooks.length === 0 ? [h('p', { class: 'hint' }, 'No webhooks yet.')] : webhooks.map((w) => h('section', { class: 'card', 'data-webhook': w.url },
      h('div', { class: 'title-row' }, h('h3', {}, w.url),
        h('div', { class: 'actions' },
          w.active ? h('button', { onclick: () => void act('disableWebhook', w.id) }, 'Disable') : h('button', { onclick: () => void act('enableWebhook', w.id) }, 'Enable'),
          h('button', { onclick: () => void act('deleteWebhook', w.id) }, 'Delete'))),
      h('p', { class: 'hint' }, `${w.active ? 'active' : `disabled: ${w.disabledReason ?? ''}`} · ${w.events.join(', ')} · ${w.campaignIds ? `campaigns ${w.campaignIds.join(', ')}` : 'all campaigns'} · ${w.consecutiveFailures} failures in a row`),
      w.deliveries.nodes.length === 0 ? h('p', { class: 'hint' }, 'No deliveries yet.') :
        h('table', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Event'), h('th', {}, 'Status'), h('th', {}, 'Attempts'), h('th', {}, 'Last answer')),
          ...w.deliveries.nodes.map((d) => h('tr', {}, h('td', {}, format.date(d.createdAt)), h('td', {}, d.event), h('td', {}, d.status),
            h('td', {}, d.attempts), h('td', {}, d.lastError ?? (d.lastStatusCode === null ? '' : String(d.lastStatusCode))))))))));
  }

  async function act(mutation: string, id: string): Promise<void> {
    try {
      await gql(`mutation Act($id: ID!) { ${mutation}(id: $id) ${mutation === 'deleteWebhook' ? '' : '{ id }'} }`, { id });
      await load();
    } catch (error) {
      replace(message, errorBox(error));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    const ids = campaignIds.value.split(',').map((c) => c.trim()).filter(Boolean);
    const input = { url: url.value.trim(), secret: secret.value, events: boxes.filter((b) => b.checked).map((b) => b.value), campaignIds: ids.length > 0 ? ids : null };
    try {
      await gql('mutation Create($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }', { input });
      showAtFields(form, []);
      secret.value = '';
      await load();
    } catch (error) {
      const elsewhere = error instanceof ApiError ? showAtFields(form, error.violations, 'input.') : [];
      if (!(error instanceof ApiError) || error.violations.length === 0) replace(message, errorBox(error));
      else append(message, ...elsewhere.map((v) => errorBox(`${v.field}: ${v.message}`)));
    }
  });
  load().catch((error: unknown) => replace(list, errorBox(error)));
}
