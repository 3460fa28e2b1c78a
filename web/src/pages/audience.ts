import type { Chart } from 'chart.js';
import { ApiError, gql } from '../api';
import { barChart, chartBox, type Bucket } from '../charts';
import { errorBox, format, h, replace, tile } from '../dom';
import { audienceEditor } from './audienceEditor';

interface Summary {
  users: number;
  withEvents: number;
  buyers: number;
  revenue: number;
  scored: number;
  expectedSpend: number;
  ageBuckets: Bucket[];
  genders: Bucket[];
  regions: Bucket[];
  rfmSegments: Bucket[];
  topCategories: Bucket[];
  interestTags: Bucket[];
  propensity: Bucket[];
  churnRisk: Bucket[];
  personas: Bucket[];
}

const summaryQuery = `query Summary($audience: AudienceInput!) { audienceSummary(audience: $audience) {
  users withEvents buyers revenue scored expectedSpend
  ageBuckets { key count } genders { key count } regions { key count } rfmSegments { key count }
  topCategories { key count } interestTags { key count } propensity { key count } churnRisk { key count } personas { key count } } }`;

const distributions: [keyof Summary, string][] = [
  ['rfmSegments', 'RFM segments'],
  ['ageBuckets', 'Age'],
  ['genders', 'Gender'],
  ['regions', 'Region'],
  ['topCategories', 'Strongest category'],
  ['interestTags', 'Behaviour tags'],
  ['propensity', '30-day purchase propensity'],
  ['churnRisk', 'Churn risk'],
  ['personas', 'Personas'],
];

/** Audience summary charts for a rule (default: everyone), the rule editor with a live count, and the named segments. */
export function audiencePage(root: HTMLElement): () => void {
  const figures = h('div', { class: 'tiles' });
  const charts = h('div', { class: 'grid' });
  const segments = h('div');
  let drawn: Chart[] = [];
  let shown = 0;

  async function show(audience: Record<string, unknown>): Promise<void> {
    const request = ++shown;
    try {
      const { audienceSummary: s } = await gql<{ audienceSummary: Summary }>(summaryQuery, { audience });
      if (request !== shown) return;
      editor.showViolations([]);
      drawn.forEach((c) => c.destroy());
      drawn = [];
      replace(figures,
        tile('Users', format.number(s.users), 'audience-users'),
        tile('With events', format.number(s.withEvents)),
        tile('Buyers', format.number(s.buyers)),
        tile('Revenue ever', format.number(s.revenue)),
        tile('Scored', format.number(s.scored)),
        tile('Expected 30-day spend', format.number(s.expectedSpend)));
      replace(charts);
      for (const [field, title] of distributions) {
        const buckets = s[field] as Bucket[];
        if (buckets.length === 0) continue;
        const { box, canvas } = chartBox(`chart-${field}`);
        charts.append(h('section', { class: 'card' }, h('h3', {}, title), box));
        drawn.push(barChart(canvas, buckets, title));
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INVALID_ARGUMENT') editor.showViolations(error.violations);
      else replace(figures, errorBox(error));
    }
  }

  const editor = audienceEditor({ all: true }, (audience) => void show(audience));
  root.append(
    h('h1', {}, 'Audience'),
    h('section', { class: 'card' }, h('h3', {}, 'Who'), editor.element),
    figures,
    charts,
    h('section', { class: 'card' }, h('h3', {}, 'Segments'), segments));
  void show({ all: true });
  void gql<{ segments: { name: string; rule: string }[] }>('{ segments { name rule } }')
    .then(({ segments: list }) => replace(segments, list.length === 0
      ? h('p', { class: 'hint' }, 'No named segments yet (createSegment).')
      : h('table', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Rule')),
        ...list.map((s) => h('tr', {},
          h('td', {}, h('button', { class: 'link', onclick: () => editor.set({ rule: JSON.parse(s.rule) as unknown }) }, s.name)),
          h('td', {}, h('code', {}, s.rule)))))))
    .catch((error: unknown) => replace(segments, errorBox(error)));
  return () => { shown++; editor.dispose(); drawn.forEach((c) => c.destroy()); }; // shown++: a summary still on its way is dropped
}
