import type { Chart } from 'chart.js';
import { gql, subscribe } from '../api';
import { bandChart, chartBox, lineChart } from '../charts';
import { errorBox, format, h, replace, tile } from '../dom';
import { session } from '../session';

type Estimate = { value: number; low: number; high: number } | null;

interface Kpis {
  reach: number;
  exposures: number;
  participants: number;
  conversions: number;
  redemptions: number;
  gmv: number;
  discountCost: number;
  contactCost: number;
  budgetLeft: number | null;
  holdoutLeaks: number;
  conversionRateLift: Estimate;
  incrementalConversions: Estimate;
  incrementalRevenue: Estimate;
  roi: number | null;
}

type ChartedKpis = Pick<Kpis, 'reach' | 'participants' | 'conversions'>;

interface Detail {
  id: string;
  name: string;
  status: string;
  type: string;
  value: number | null;
  channel: string | null;
  startsAt: string;
  endsAt: string;
  budget: number | null;
  holdoutShare: number;
  audience: string;
  kpis: Kpis;
  tracking: { alert: boolean; points: TrackingPoint[] } | null;
  kpiHistory: { at: string; kpis: ChartedKpis }[];
}

/** A figure at one hour against what the launch forecast expects of it by then. */
interface Tracked { status: string; actual: Estimate | null; expected: { value: number; low95: number; high95: number } }

interface TrackingPoint extends Tracked {
  at: string;
  revenue: Tracked;
  conversionRate: Tracked;
  participation: Tracked;
  discountCost: Tracked;
}

const trackedFields = 'status actual { value low high } expected { value low95 high95 }';

const kpiFields = `reach exposures participants conversions redemptions gmv discountCost contactCost budgetLeft holdoutLeaks roi
  conversionRateLift { value low high } incrementalConversions { value low high } incrementalRevenue { value low high }`;

const detailQuery = `query Campaign($id: ID!) { campaign(id: $id) {
  id name status type value channel startsAt endsAt budget holdoutShare audience
  kpis { ${kpiFields} }
  tracking { alert points { at ${trackedFields} revenue { ${trackedFields} } conversionRate { ${trackedFields} }
    participation { ${trackedFields} } discountCost { ${trackedFields} } } }
  kpiHistory { at kpis { reach participants conversions } } } }`;

const kpiSubscription = `subscription Kpis($id: ID!) { campaignKpis(campaignId: $id) { status at kpis { ${kpiFields} } } }`;

const transitions: Record<string, [string, string][]> = {
  DRAFT: [['launchCampaign', 'Launch'], ['endCampaign', 'End']],
  SCHEDULED: [['endCampaign', 'End']],
  RUNNING: [['pauseCampaign', 'Pause'], ['endCampaign', 'End']],
  PAUSED: [['resumeCampaign', 'Resume'], ['endCampaign', 'End']],
  ENDED: [],
};

/** How many live points the KPI chart keeps. */
const maxPoints = 500;

/** A campaign: lifecycle actions, KPI tiles and a KPI chart kept live by the campaignKpis subscription, lift against the forecast. */
export function campaignPage(root: HTMLElement, id: string): () => void {
  const head = h('div');
  const actions = h('div', { class: 'actions' });
  const tiles = h('div', { class: 'tiles' });
  const live = chartBox('chart-kpis');
  const lift = h('div');
  const message = h('div');
  root.append(head, actions, message, tiles,
    h('section', { class: 'card' }, h('h3', {}, 'Reach, participants and conversions (hourly history, then live)'), live.box),
    h('section', { class: 'card' }, h('h3', {}, 'Conversion-rate lift against the launch forecast'), lift));

  let kpiChart: Chart<'line'> | undefined;
  let liftChart: Chart | undefined;
  let unsubscribe: (() => void) | undefined;
  let stopped = false;

  const showKpis = (status: string, k: Kpis, budget: number | null): void => {
    replace(tiles,
      tile('Status', status, 'campaign-status'),
      tile('Reach', format.number(k.reach)),
      tile('Exposures', format.number(k.exposures)),
      tile('Participants', format.number(k.participants)),
      tile('Conversions', format.number(k.conversions), 'kpi-conversions'),
      tile('Redemptions', format.number(k.redemptions)),
      tile('GMV', format.number(k.gmv)),
      tile('Conversion-rate lift [95%]', format.interval(k.conversionRateLift, true), 'kpi-lift'),
      tile('Incremental conversions', format.interval(k.incrementalConversions)),
      tile('Incremental revenue', format.interval(k.incrementalRevenue)),
      tile('ROI', format.number(k.roi)),
      ...(k.contactCost > 0 ? [tile('Contact cost', format.number(k.contactCost))] : []),
      tile('Budget spent', budget === null ? `${format.number(k.discountCost)} (no budget)` : `${format.number(k.discountCost)} of ${format.number(budget)}`),
      tile('Holdout leaks', format.number(k.holdoutLeaks)));
  };

  const addPoint = (label: string, k: ChartedKpis): void => {
    if (!kpiChart) return;
    const data = kpiChart.data;
    data.labels!.push(label);
    data.datasets[0]!.data.push(k.reach);
    data.datasets[1]!.data.push(k.participants);
    data.datasets[2]!.data.push(k.conversions);
    if (data.labels!.length > maxPoints) {
      data.labels!.shift();
      data.datasets.forEach((d) => d.data.shift());
    }
    kpiChart.update();
    live.canvas.dataset.points = String(data.labels!.length);
    live.canvas.dataset.reach = String(k.reach);
  };

  async function load(): Promise<void> {
    const { campaign: c } = await gql<{ campaign: Detail | null }>(detailQuery, { id });
    if (stopped) return;
    if (!c) {
      replace(head, errorBox(`There is no campaign ${id} in this tenant.`));
      return;
    }
    replace(head,
      h('h1', {}, c.name),
      h('p', { class: 'hint' }, `${c.type}${c.value === null ? '' : ` ${format.number(c.value)}`} by ${c.channel ?? 'any channel'} · ${format.date(c.startsAt)} → ${format.date(c.endsAt)} · holdout ${format.percent(c.holdoutShare)} · audience `, h('code', {}, c.audience)));
    replace(actions, ...(session.can('ADMIN', 'MERCHANT') ? [
      ...(transitions[c.status] ?? []).map(([mutation, label]) => h('button', { onclick: () => void act(mutation) }, label)),
      c.status === 'ENDED' ? null : h('a', { class: 'button', href: `#/campaigns/${encodeURIComponent(id)}/edit` }, 'Edit'),
    ] : []));
    showKpis(c.status, c.kpis, c.budget);

    kpiChart?.destroy();
    kpiChart = lineChart(live.canvas, [], [
      { label: 'reach', values: [] }, { label: 'participants', values: [] }, { label: 'conversions (right axis)', values: [], right: true }]);
    for (const point of c.kpiHistory) addPoint(format.date(point.at), point.kpis);

    liftChart?.destroy();
    liftChart = undefined;
    if (!c.tracking) replace(lift, h('p', { class: 'hint' }, 'No launch forecast: the campaign was launched without an ACTIVE uplift model, or has not launched.'));
    else {
      const box = chartBox('chart-lift');
      replace(lift, c.tracking.alert ? errorBox('The measured lift is outside the forecast’s 95% band.') : null, box.box);
      liftChart = bandChart(box.canvas, c.tracking.points.map((p) => ({
        label: format.date(p.at), actual: p.actual?.value ?? null, expected: p.expected.value, low: p.expected.low95, high: p.expected.high95,
      })), 'lift');
      const latest = c.tracking.points.at(-1);
      if (latest) lift.append(latestHour(latest));
    }

    unsubscribe?.();
    unsubscribe = subscribe<{ campaignKpis: { status: string; at: string; kpis: Kpis } }>(kpiSubscription, { id },
      ({ campaignKpis: u }) => { showKpis(u.status, u.kpis, c.budget); addPoint(new Date(u.at).toISOString().slice(11, 19), u.kpis); },
      (error) => replace(message, errorBox(`Live KPIs stopped: ${error.message}`)));
  }

  async function act(mutation: string): Promise<void> {
    replace(message);
    try {
      await gql(`mutation Act($id: ID!) { ${mutation}(id: $id) { id status } }`, { id });
      await load();
    } catch (error) {
      replace(message, errorBox(error));
    }
  }

  load().catch((error: unknown) => replace(head, errorBox(error)));
  return () => { stopped = true; unsubscribe?.(); kpiChart?.destroy(); liftChart?.destroy(); };
}

/** The latest hour's figures per treated user against the launch forecast (docs/forecasts.md#forecast-against-actual). */
function latestHour(p: TrackingPoint): HTMLElement {
  const row = (name: string, t: Tracked, asPercent: boolean): HTMLElement => h('tr', {},
    h('td', {}, name),
    h('td', {}, format.interval(t.actual, asPercent)),
    h('td', {}, format.interval({ value: t.expected.value, low: t.expected.low95, high: t.expected.high95 }, asPercent)),
    h('td', {}, t.status));
  return h('table', { 'data-testid': 'tracking-latest' },
    h('tr', {}, h('th', {}, `At ${format.date(p.at)}, per treated user`), h('th', {}, 'Actual [95%]'), h('th', {}, 'Expected [95%]'), h('th', {}, 'Status')),
    row('Conversion-rate lift', p, true),
    row('Revenue lift', p.revenue, false),
    row('Conversion rate', p.conversionRate, true),
    row('Participation', p.participation, true),
    row('Discount cost', p.discountCost, false));
}
