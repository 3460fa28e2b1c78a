import type { Chart } from 'chart.js';
import { ApiError, gql, subscribe } from '../api';
import { chartBox, frontierChart } from '../charts';
import { errorBox, format, h, replace } from '../dom';
import { campaignTypes, channels, type DesignForm } from './designForm';

interface Candidate {
  description: string;
  meetsConstraints: boolean;
  onFrontier: boolean;
  discountCost: { value: number };
  contactCost: { value: number } | null;
  incrementalMargin: { value: number; low95: number; high95: number };
  roi: { value: number } | null;
}

interface Search {
  id: string;
  status: string;
  phase: string;
  progress: number;
  error: string | null;
}

/** What the chart needs of every candidate: the table's first 20 come with their intervals and ROI. */
type Plotted = Pick<Candidate, 'description' | 'onFrontier' | 'discountCost' | 'contactCost'> & { incrementalMargin: { value: number } };

interface Finished {
  why: string[] | null;
  recommended: Candidate | null;
  candidates: Candidate[] | null;
  plotted: Plotted[] | null;
}

/** What a candidate is expected to spend: discounts and contacts (null in a search stored before contacts were costed). */
const cost = (c: Plotted): number => c.discountCost.value + (c.contactCost?.value ?? 0);

// BUNDLE is left out: it needs at least two items in the design's scope, which the search cannot vary.
const types = campaignTypes.filter((t) => t !== 'BUNDLE');
const candidateFields = 'description meetsConstraints onFrontier discountCost { value } contactCost { value } incrementalMargin { value low95 high95 } roi { value }';
// Every candidate (a search holds at most 500) with only what the chart plots: with all the table's fields 500 would pass the query cost limit.
const plottedFields = 'description onFrontier discountCost { value } contactCost { value } incrementalMargin { value }';

const numbers = (text: string): number[] | undefined => {
  const list = text.split(',').map((v) => v.trim()).filter(Boolean).map(Number);
  return list.length > 0 ? list : undefined;
};

/** The optimizer (optimizeCampaign): the design form's design is the base; the search's candidates and Pareto frontier of cost against margin. */
export function optimizerSection(design: DesignForm): { element: HTMLElement; dispose(): void } {
  const checkboxes = (name: string, options: string[], checked: string[]): HTMLInputElement[] =>
    options.map((o) => h('input', { type: 'checkbox', name, value: o, checked: checked.includes(o) }));
  const typeBoxes = checkboxes('types', types, ['PERCENT_OFF', 'AMOUNT_OFF']);
  const channelBoxes = checkboxes('channels', channels, ['EMAIL']);
  const values = h('input', { name: 'values', value: '5, 10, 15, 20' });
  const durations = h('input', { name: 'durationsDays', value: '7, 14' });
  const minRoi = h('input', { name: 'minRoi', type: 'number', step: 'any' });
  const maxCost = h('input', { name: 'maxCost', type: 'number', step: 'any' });
  const status = h('div');
  const result = h('div', { 'data-testid': 'optimization' });
  const boxes = (list: HTMLInputElement[]): HTMLElement => h('span', {}, ...list.map((b) => h('span', {}, b, ` ${b.value} `)));
  const start = h('button', { type: 'button' }, 'Search designs');
  const element = h('section', { class: 'card' }, h('h3', {}, 'Optimizer: search designs around this one'),
    h('div', { class: 'form' },
      h('label', { class: 'field wide' }, 'Types', boxes(typeBoxes)),
      h('label', { class: 'field wide' }, 'Channels', boxes(channelBoxes)),
      h('label', { class: 'field' }, 'Values (comma-separated)', values),
      h('label', { class: 'field' }, 'Durations in days (comma-separated)', durations),
      h('label', { class: 'field' }, 'At least this ROI', minRoi),
      h('label', { class: 'field' }, 'At most this discount cost', maxCost),
      start),
    status, result);
  let unsubscribe: (() => void) | undefined;
  let chart: Chart | undefined;
  let stopped = false;

  start.addEventListener('click', async () => {
    const base = design.read();
    if (!base) return;
    design.show([]);
    unsubscribe?.();
    unsubscribe = undefined;
    start.disabled = true;
    const constraints: Record<string, number> = {};
    if (minRoi.value !== '') constraints.minRoi = Number(minRoi.value);
    if (maxCost.value !== '') constraints.maxCost = Number(maxCost.value);
    const input = {
      design: base,
      types: typeBoxes.filter((b) => b.checked).map((b) => b.value),
      channels: channelBoxes.filter((b) => b.checked).map((b) => b.value),
      values: numbers(values.value),
      durationsDays: numbers(durations.value),
      constraints: Object.keys(constraints).length > 0 ? constraints : undefined,
      targetings: [{ kind: 'ALL' }, { kind: 'POSITIVE_MARGIN' }],
    };
    try {
      const { optimizeCampaign: search } = await gql<{ optimizeCampaign: Search }>(
        'mutation Optimize($input: OptimizeCampaignInput!) { optimizeCampaign(input: $input) { id status phase progress error } }', { input });
      if (!stopped) follow(search.id);
    } catch (error) {
      if (error instanceof ApiError && error.violations.length > 0) design.show(error.violations, 'design');
      else replace(status, errorBox(error));
    } finally {
      start.disabled = false;
    }
  });

  function follow(id: string): void {
    const bar = h('progress', { max: 1, value: 0 });
    const text = h('span', { class: 'hint', 'data-testid': 'optimization-status' });
    replace(status, h('div', {}, bar, ' ', text));
    unsubscribe = subscribe<{ optimizationProgress: Search }>('subscription Progress($id: ID!) { optimizationProgress(id: $id) { id status phase progress error } }', { id },
      ({ optimizationProgress: s }) => {
        bar.value = s.progress;
        replace(text, `${s.status} · ${s.phase}${s.error ? ` · ${s.error}` : ''}`);
        if (s.status === 'SUCCEEDED') showResult(id).catch((error: unknown) => replace(result, errorBox(error)));
      },
      (error) => replace(status, errorBox(error.message)));
  }

  async function showResult(id: string): Promise<void> {
    const { campaignOptimization: o } = await gql<{ campaignOptimization: Finished }>(`query Result($id: ID!) { campaignOptimization(id: $id) {
      why recommended { ${candidateFields} } candidates(first: 20) { ${candidateFields} } plotted: candidates(first: 500) { ${plottedFields} } } }`, { id });
    if (stopped) return;
    const candidates = o.candidates ?? [];
    chart?.destroy();
    const box = chartBox('chart-frontier');
    replace(result,
      o.recommended ? h('p', {}, h('strong', {}, 'Recommended: '), o.recommended.description,
        ` · margin ${format.number(o.recommended.incrementalMargin.value)} [${format.number(o.recommended.incrementalMargin.low95)}, ${format.number(o.recommended.incrementalMargin.high95)}]`,
        ` · cost ${format.number(cost(o.recommended))}`) : h('p', {}, 'No design meets the constraints.'),
      h('ul', {}, ...(o.why ?? []).map((w) => h('li', {}, w))),
      h('h3', {}, 'Cost (discounts and contacts) against incremental margin (frontier joined)'), box.box,
      h('table', {}, h('tr', {}, h('th', {}, 'Design'), h('th', {}, 'Cost'), h('th', {}, 'Margin [95%]'), h('th', {}, 'ROI'), h('th', {}, '')),
        ...candidates.map((c) => h('tr', {}, h('td', {}, c.description), h('td', {}, format.number(cost(c))),
          h('td', {}, `${format.number(c.incrementalMargin.value)} [${format.number(c.incrementalMargin.low95)}, ${format.number(c.incrementalMargin.high95)}]`),
          h('td', {}, format.number(c.roi?.value)), h('td', {}, c.onFrontier ? 'frontier' : c.meetsConstraints ? '' : 'breaks a constraint')))));
    chart = frontierChart(box.canvas, (o.plotted ?? []).map((c) => ({ x: cost(c), y: c.incrementalMargin.value, frontier: c.onFrontier, label: c.description })));
  }

  return { element, dispose: () => { stopped = true; unsubscribe?.(); chart?.destroy(); } };
}
