import { ApiError, gql, type Violation } from '../api';
import { errorBox, h, replace } from '../dom';
import { session } from '../session';
import { audienceEditor } from './audienceEditor';

const types = ['PERCENT_OFF', 'AMOUNT_OFF', 'FREE_SHIPPING', 'BUNDLE', 'FLASH_SALE', 'POINTS_MULTIPLIER', 'MESSAGE_ONLY'];
const channels = ['EMAIL', 'SMS', 'PUSH', 'IN_APP', 'BANNER'];

interface Field {
  name: string;
  label: string;
  input: HTMLInputElement | HTMLSelectElement;
  /** The design's value for this field, or undefined to leave it out. */
  read: () => unknown;
}

const text = (value: string): string | undefined => value.trim() || undefined;
const number = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));
const list = (value: string): string[] | undefined => (value.trim() === '' ? undefined : value.split(',').map((v) => v.trim()).filter(Boolean));
const instant = (value: string): string | undefined => (value ? new Date(value).toISOString() : undefined);

function localInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

function input(name: string, type = 'text', value = ''): HTMLInputElement {
  return h('input', { name, type, value, step: type === 'number' ? 'any' : undefined });
}

function select(name: string, options: string[]): HTMLSelectElement {
  return h('select', { name }, ...options.map((o) => h('option', { value: o }, o)));
}

/**
 * A new campaign's design (createCampaign). The server checks every rule; each violation it reports is shown under
 * the field it names (a path such as audience.rule.all[1].op goes to the audience), the rest above the button.
 */
export function campaignFormPage(root: HTMLElement): () => void {
  root.append(h('h1', {}, 'New campaign'));
  if (!session.canEdit()) {
    root.append(errorBox(`A ${session.role()} key may read campaigns and follow their KPIs, not create or change them.`));
    return () => undefined;
  }
  const start = new Date(Date.now() + 3_600_000);
  start.setMinutes(0, 0, 0);
  const end = new Date(start.getTime() + 7 * 86_400_000);
  const fields: Field[] = [
    { name: 'name', label: 'Name', input: input('name'), read: () => text(fields[0]!.input.value) },
    { name: 'type', label: 'Type', input: select('type', types), read: () => fields[1]!.input.value },
    { name: 'value', label: 'Value (percent, amount or multiplier)', input: input('value', 'number', '10'), read: () => number(fields[2]!.input.value) },
    { name: 'channel', label: 'Channel', input: select('channel', channels), read: () => fields[3]!.input.value },
    { name: 'startsAt', label: 'Starts (your time)', input: input('startsAt', 'datetime-local', localInput(start)), read: () => instant(fields[4]!.input.value) },
    { name: 'endsAt', label: 'Ends (your time)', input: input('endsAt', 'datetime-local', localInput(end)), read: () => instant(fields[5]!.input.value) },
    { name: 'minimumSpend', label: 'Minimum spend', input: input('minimumSpend', 'number'), read: () => number(fields[6]!.input.value) },
    { name: 'categoryIds', label: 'Categories in scope (comma-separated)', input: input('categoryIds'), read: () => list(fields[7]!.input.value) },
    { name: 'budget', label: 'Budget (discount to give away)', input: input('budget', 'number'), read: () => number(fields[8]!.input.value) },
    { name: 'frequencyCapPerDay', label: 'Exposures per shopper per day', input: input('frequencyCapPerDay', 'number'), read: () => number(fields[9]!.input.value) },
    { name: 'holdoutShare', label: 'Holdout share (0 to 0.5)', input: input('holdoutShare', 'number', '0.1'), read: () => number(fields[10]!.input.value) },
  ];
  const audience = audienceEditor({ all: true });
  const errorsOf = new Map<string, HTMLElement>();
  const general = h('div', { class: 'field-errors', 'data-field': 'general' });
  const form = h('form', { class: 'card form', novalidate: true });
  for (const field of fields) {
    const errors = h('div', { class: 'field-errors', 'data-field': field.name });
    errorsOf.set(field.name, errors);
    form.append(h('label', { class: 'field' }, field.label, field.input, errors));
  }
  form.append(h('div', { class: 'field wide' }, 'Audience', audience.element), general, h('button', { type: 'submit' }, 'Create draft'));
  root.append(form);

  const show = (violations: Violation[]): void => {
    errorsOf.forEach((element) => replace(element));
    audience.showViolations([]);
    replace(general);
    const forAudience: Violation[] = [];
    for (const v of violations) {
      const top = v.field.split(/[.[]/)[0] ?? '';
      if (top === 'audience') forAudience.push(v);
      else if (errorsOf.has(top)) errorsOf.get(top)!.append(h('div', { class: 'field-error' }, v.message));
      else general.append(h('div', { class: 'field-error' }, v.field === 'general' ? v.message : `${v.field}: ${v.message}`));
    }
    audience.showViolations(forAudience);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const design: Record<string, unknown> = {};
    for (const field of fields) {
      const value = field.read();
      if (value !== undefined) design[field.name] = value;
    }
    const audienceValue = audience.value();
    if (!audienceValue) {
      show([{ field: 'audience', rule: 'format', message: 'The audience must be a JSON object, e.g. {"all": true}.' }]);
      return;
    }
    design.audience = audienceValue;
    try {
      const { createCampaign } = await gql<{ createCampaign: { id: string } }>(
        'mutation Create($design: CampaignDesignInput!) { createCampaign(design: $design) { id } }', { design });
      window.location.hash = `#/campaigns/${encodeURIComponent(createCampaign.id)}`;
    } catch (error) {
      if (error instanceof ApiError && error.violations.length > 0) show(error.violations);
      else show([{ field: 'general', rule: 'error', message: error instanceof ApiError ? `${error.message} (${error.code})` : String(error) }]);
    }
  });
  return () => audience.dispose();
}
