import type { Chart } from 'chart.js';
import { gql } from '../api';
import { barChart, chartBox } from '../charts';
import { errorBox, format, h, replace, tile } from '../dom';

interface Profile {
  id: string;
  segments: string[];
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  purchases: number;
  revenue: number;
  discountSensitivity: number | null;
  engagementSeconds: number;
  interestTags: string[];
  appliedSequence: number;
  rfm: { recencyDays: number | null; frequency90: number; monetary90: number; r: number; f: number; m: number; segment: string };
  scores: { propensity: number; expectedSpend: number; churnRisk: number; personaDescription: string | null } | null;
  counters: { type: string; total: number; last7Days: number; last30Days: number }[];
  categoryAffinities: { key: string; score: number; share: number }[];
  brandAffinities: { key: string; score: number; share: number }[];
  trajectory: { sequence: number; type: string; occurredAt: string; itemId: string | null; categoryId: string | null; campaignId: string | null; amount: number | null }[];
  campaigns: { campaignId: string; lastAt: string; exposures: number; clicks: number; claims: number; redemptions: number }[];
}

const profileQuery = `query Profile($id: ID!) { user(id: $id) {
  id segments firstSeenAt lastSeenAt purchases revenue discountSensitivity engagementSeconds interestTags appliedSequence
  rfm { recencyDays frequency90 monetary90 r f m segment }
  scores { propensity expectedSpend churnRisk personaDescription }
  counters { type total last7Days last30Days }
  categoryAffinities { key score share } brandAffinities { key score share }
  trajectory { sequence type occurredAt itemId categoryId campaignId amount }
  campaigns { campaignId lastAt exposures clicks claims redemptions } } }`;

/** How often an open profile is read again, so that it follows the events arriving for the shopper. */
const refreshMs = 2000;

/** Search by user id, then the live profile, read again every two seconds while the page is open. */
export function shopperPage(root: HTMLElement, userId: string): () => void {
  const search = h('input', { name: 'userId', placeholder: 'User id', value: userId, 'data-testid': 'user-search' });
  const form = h('form', { class: 'inline' }, search, h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (search.value.trim()) window.location.hash = `#/shoppers/${encodeURIComponent(search.value.trim())}`;
  });
  const body = h('div');
  root.append(h('h1', {}, 'Shoppers'), form, body);
  if (!userId) return () => undefined;

  let drawn: Chart[] = [];
  let sequence = -1;
  let stopped = false;
  let timer: number | undefined;

  async function refresh(): Promise<void> {
    try {
      const { user } = await gql<{ user: Profile | null }>(profileQuery, { id: userId });
      if (stopped) return;
      if (!user) replace(body, h('p', { class: 'hint' }, `The tenant has neither events nor attributes for ${userId}.`));
      else if (user.appliedSequence !== sequence) {
        sequence = user.appliedSequence;
        drawn.forEach((c) => c.destroy());
        drawn = draw(body, user);
      }
    } catch (error) {
      if (!stopped) replace(body, errorBox(error));
    }
    if (!stopped) timer = window.setTimeout(() => void refresh(), refreshMs);
  }
  void refresh();
  return () => { stopped = true; window.clearTimeout(timer); drawn.forEach((c) => c.destroy()); };
}

function draw(body: HTMLElement, p: Profile): Chart[] {
  const charts: Chart[] = [];
  const affinity = (title: string, list: Profile['categoryAffinities'], testId: string): HTMLElement => {
    if (list.length === 0) return h('section', { class: 'card' }, h('h3', {}, title), h('p', { class: 'hint' }, 'None yet.'));
    const { box, canvas } = chartBox(testId);
    charts.push(barChart(canvas, list.slice(0, 10).map((a) => ({ key: a.key, count: a.score })), title));
    return h('section', { class: 'card' }, h('h3', {}, title), box);
  };
  replace(body,
    h('h2', { 'data-testid': 'profile-id' }, p.id),
    h('p', { class: 'hint' }, `first seen ${format.date(p.firstSeenAt)} · last seen ${format.date(p.lastSeenAt)} · events applied up to ${p.appliedSequence}`),
    h('div', { class: 'tiles' },
      tile('Purchases', format.number(p.purchases), 'profile-purchases'),
      tile('Revenue', format.number(p.revenue)),
      tile('RFM', `${p.rfm.segment} (${p.rfm.r}${p.rfm.f}${p.rfm.m})`),
      tile('Recency', p.rfm.recencyDays === null ? '–' : `${p.rfm.recencyDays} days`),
      tile('Discount sensitivity', format.percent(p.discountSensitivity)),
      tile('Propensity (30 days)', format.percent(p.scores?.propensity)),
      tile('Churn risk', format.percent(p.scores?.churnRisk)),
      tile('Expected spend', format.number(p.scores?.expectedSpend)),
      tile('Persona', p.scores?.personaDescription ?? '–')),
    h('p', {}, 'Segments: ', p.segments.join(', ') || '–', ' · Interest tags: ', p.interestTags.join(', ') || '–'),
    h('div', { class: 'grid' }, affinity('Category affinity', p.categoryAffinities, 'chart-categories'), affinity('Brand affinity', p.brandAffinities, 'chart-brands')),
    h('section', { class: 'card' }, h('h3', {}, 'Events'),
      h('table', {}, h('tr', {}, h('th', {}, 'Type'), h('th', {}, 'Total'), h('th', {}, '7 days'), h('th', {}, '30 days')),
        ...p.counters.map((c) => h('tr', {}, h('td', {}, c.type), h('td', {}, format.number(c.total)), h('td', {}, c.last7Days), h('td', {}, c.last30Days))))),
    h('section', { class: 'card' }, h('h3', {}, 'Campaigns'),
      p.campaigns.length === 0 ? h('p', { class: 'hint' }, 'None.') :
        h('table', {}, h('tr', {}, h('th', {}, 'Campaign'), h('th', {}, 'Last'), h('th', {}, 'Exposures'), h('th', {}, 'Clicks'), h('th', {}, 'Claims'), h('th', {}, 'Redemptions')),
          ...p.campaigns.map((c) => h('tr', {}, h('td', {}, h('a', { href: `#/campaigns/${encodeURIComponent(c.campaignId)}` }, c.campaignId)),
            h('td', {}, format.date(c.lastAt)), h('td', {}, c.exposures), h('td', {}, c.clicks), h('td', {}, c.claims), h('td', {}, c.redemptions))))),
    h('section', { class: 'card' }, h('h3', {}, 'Trajectory (latest first)'),
      h('table', { 'data-testid': 'trajectory' }, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Event'), h('th', {}, 'Item'), h('th', {}, 'Category'), h('th', {}, 'Campaign'), h('th', {}, 'Amount')),
        ...p.trajectory.map((t) => h('tr', {}, h('td', {}, format.date(t.occurredAt)), h('td', {}, t.type), h('td', {}, t.itemId ?? ''),
          h('td', {}, t.categoryId ?? ''), h('td', {}, t.campaignId ?? ''), h('td', {}, t.amount === null ? '' : format.number(t.amount)))))));
  return charts;
}
