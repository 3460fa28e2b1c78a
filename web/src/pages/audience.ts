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

/** Audience summary charts for a rule (default: everyone), the rule editor with a live count, and the named segments (listed, created). */
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
  const segmentName = h('input', { name: 'segmentName', placeholder: 'e.g. loyal-buyers' });
  const segmentMessages = h('div', { class: 'field-errors', 'data-field': 'name' });
  root.append(
    h('h1', {}, 'Audience'),
    h('section', { class: 'card' }, h('h3', {}, 'Who'), editor.element),
    figures,
    charts,
    h('section', { class: 'card' }, h('h3', {}, 'Segments'), segments,
      h('form', { class: 'form', novalidate: true, onsubmit: (event: Event) => { event.preventDefault(); void saveSegment(); } },
        h('label', { class: 'field' }, 'Save the rule above as a segment named', segmentName, segmentMessages),
        h('button', { type: 'submit' }, 'Save segment'))));

  async function listSegments(): Promise<void> {
    const { segments: list } = await gql<{ segments: { name: string; rule: string }[] }>('{ segments { name rule } }');
    replace(segments, list.length === 0
      ? h('p', { class: 'hint' }, 'No named segments yet.')
      : h('table', { 'data-testid': 'segments' }, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Rule')),
        ...list.map((s) => h('tr', {},
          h('td', {}, h('button', { class: 'link', onclick: () => editor.set({ rule: JSON.parse(s.rule) as unknown }) }, s.name)),
          h('td', {}, h('code', {}, s.rule))))));
  }

  /** createSegment: a segment is a rule, so the editor must hold {"rule": …}; the rule's violations go to the editor. */
  async function saveSegment(): Promise<void> {
    replace(segmentMessages);
    const rule = editor.value()?.rule;
    if (rule === undefined) {
      replace(segmentMessages, h('div', { class: 'field-error' }, 'A segment is a rule: write the audience above as {"rule": …}.'));
      return;
    }
    try {
      await gql('mutation Segment($name: String!, $rule: AudienceRuleInput!) { createSegment(name: $name, rule: $rule) { name } }',
        { name: segmentName.value.trim(), rule });
      segmentName.value = '';
      await listSegments();
    } catch (error) {
      if (!(error instanceof ApiError) || error.violations.length === 0) {
        replace(segmentMessages, errorBox(error));
        return;
      }
      editor.showViolations(error.violations.filter((v) => v.field.startsWith('rule')));
      replace(segmentMessages, ...error.violations.filter((v) => !v.field.startsWith('rule')).map((v) => h('div', { class: 'field-error' }, v.message)));
    }
  }

  void show({ all: true });
  listSegments().catch((error: unknown) => replace(segments, errorBox(error)));
  return () => { shown++; editor.dispose(); drawn.forEach((c) => c.destroy()); }; // shown++: a summary still on its way is dropped
}
