import { ApiError, gql } from '../api';
import { errorBox, format, h, replace, tile } from '../dom';
import { designForm } from './designForm';
import { optimizerSection } from './optimizer';

interface Figure {
  value: number;
  low80: number;
  high80: number;
  low95: number;
  high95: number;
}

interface Forecast {
  modelVersionId: string;
  audienceUsers: number;
  treatedUsers: number;
  budgetShare: number;
  budgetRunsOutAt: string | null;
  participants: Figure;
  conversions: Figure;
  gmv: Figure;
  incrementalConversions: Figure;
  incrementalGmv: Figure;
  discountCost: Figure;
  contactCost: Figure | null;
  incrementalMargin: Figure;
  roi: Figure | null;
  drivers: string[];
  warnings: string[];
}

const figure = 'value low80 high80 low95 high95';
const forecastQuery = `query Forecast($design: CampaignDesignInput!) { forecast(design: $design) {
  modelVersionId audienceUsers treatedUsers budgetShare budgetRunsOutAt
  participants { ${figure} } conversions { ${figure} } gmv { ${figure} } incrementalConversions { ${figure} }
  incrementalGmv { ${figure} } discountCost { ${figure} } contactCost { ${figure} } incrementalMargin { ${figure} } roi { ${figure} } drivers warnings } }`;

const rows: [keyof Forecast, string][] = [
  ['participants', 'Participants'],
  ['conversions', 'Conversions'],
  ['gmv', 'GMV'],
  ['incrementalConversions', 'Incremental conversions'],
  ['incrementalGmv', 'Incremental GMV'],
  ['discountCost', 'Discount cost'],
  ['contactCost', 'Contact cost'],
  ['incrementalMargin', 'Incremental margin'],
  ['roi', 'ROI'],
];

/** What a design would do before it runs: the ACTIVE uplift model's forecast with 80% and 95% intervals (docs/forecasts.md). */
export function whatIfPage(root: HTMLElement): () => void {
  const design = designForm();
  const result = h('div', { 'data-testid': 'forecast' });
  const form = h('form', { class: 'card form', novalidate: true }, ...design.elements, h('button', { type: 'submit' }, 'Forecast'));
  const optimizer = optimizerSection(design);
  root.append(h('h1', {}, 'What-if'), form, result, optimizer.element);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = design.read();
    if (!value) return;
    design.show([]);
    replace(result, h('p', { class: 'hint' }, 'Forecasting…'));
    try {
      const { forecast: f } = await gql<{ forecast: Forecast }>(forecastQuery, { design: value });
      show(result, f);
    } catch (error) {
      replace(result);
      if (error instanceof ApiError && error.violations.length > 0) design.show(error.violations, 'design');
      else replace(result, errorBox(error));
    }
  });
  return () => { design.dispose(); optimizer.dispose(); };
}

function show(result: HTMLElement, f: Forecast): void {
  const cell = (x: Figure | null, low: 'low80' | 'low95', high: 'high80' | 'high95'): string => (x ? `${format.number(x[low])} to ${format.number(x[high])}` : '–');
  replace(result,
    h('div', { class: 'tiles' },
      tile('Audience', format.number(f.audienceUsers)),
      tile('Treated', format.number(f.treatedUsers)),
      tile('Incremental margin', format.number(f.incrementalMargin.value), 'forecast-margin'),
      tile('Share of the run the budget covers', format.percent(f.budgetShare)),
      tile('Budget runs out', f.budgetRunsOutAt ? format.date(f.budgetRunsOutAt) : 'no')),
    h('section', { class: 'card' },
      h('table', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'Expected'), h('th', {}, '80% interval'), h('th', {}, '95% interval')),
        ...rows.map(([field, label]) => {
          const x = f[field] as Figure | null;
          return h('tr', {}, h('td', {}, label), h('td', {}, x ? format.number(x.value) : '–'), h('td', {}, cell(x, 'low80', 'high80')), h('td', {}, cell(x, 'low95', 'high95')));
        })),
      h('p', { class: 'hint' }, `Model version ${f.modelVersionId}.`)),
    f.drivers.length > 0 ? h('section', { class: 'card' }, h('h3', {}, 'What drives it'), h('ul', {}, ...f.drivers.map((d) => h('li', {}, d)))) : null,
    f.warnings.length > 0 ? h('section', { class: 'card' }, h('h3', {}, 'Warnings'), h('ul', {}, ...f.warnings.map((w) => h('li', {}, w)))) : null);
}
