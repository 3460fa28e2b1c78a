import type { Violation } from '../api';
import { h, replace } from '../dom';
import { audienceEditor } from './audienceEditor';

export const campaignTypes = ['PERCENT_OFF', 'AMOUNT_OFF', 'FREE_SHIPPING', 'BUNDLE', 'FLASH_SALE', 'POINTS_MULTIPLIER', 'MESSAGE_ONLY'];
export const channels = ['EMAIL', 'SMS', 'PUSH', 'IN_APP', 'BANNER'];

type Reader = (value: string) => unknown;

const text: Reader = (value) => value.trim() || undefined;
const number: Reader = (value) => (value.trim() === '' ? undefined : Number(value));
const list: Reader = (value) => (value.trim() === '' ? undefined : value.split(',').map((v) => v.trim()).filter(Boolean));
const instant: Reader = (value) => (value ? new Date(value).toISOString() : undefined);
const plain: Reader = (value) => value;

function localInput(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function input(name: string, type = 'text', value = ''): HTMLInputElement {
  return h('input', { name, type, value, step: type === 'number' ? 'any' : undefined });
}

function select(name: string, options: string[]): HTMLSelectElement {
  return h('select', { name }, ...options.map((o) => h('option', { value: o }, o)));
}

export interface DesignForm {
  /** The fields, for a form that adds its own buttons. */
  elements: HTMLElement[];
  /** The CampaignDesignInput as filled in, or undefined (with the message shown) while the audience is not JSON. */
  read(): Record<string, unknown> | undefined;
  /**
   * Shows the API's violations: each under the field it names (a path such as audience.rule.all[1].op goes to the
   * audience), the others in the form's general list. `prefix` is the argument's name in the paths (design.…).
   */
  show(violations: Violation[], prefix?: string): void;
  /** Leaves only these fields editable (a campaign that has started); the others, the audience among them, are greyed. */
  onlyEditable(names: string[]): void;
  dispose(): void;
}

/** What a design's value looks like in its input. */
function shown(value: unknown, read: Reader): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return read === instant ? localInput(new Date(String(value))) : String(value);
}

/**
 * The fields of a campaign design (CampaignDesignInput); the server checks every rule. `initial` fills them from a saved
 * campaign (its fields as the API returns them, the audience parsed); left out, a new design starting in an hour.
 */
export function designForm(initial?: Record<string, unknown>): DesignForm {
  const start = new Date(Date.now() + 3_600_000);
  start.setMinutes(0, 0, 0);
  const end = new Date(start.getTime() + 7 * 86_400_000);
  const fields: [string, string, HTMLInputElement | HTMLSelectElement, Reader][] = [
    ['name', 'Name', input('name'), text],
    ['type', 'Type', select('type', campaignTypes), plain],
    ['value', 'Value (percent, amount or multiplier)', input('value', 'number', '10'), number],
    ['channel', 'Channel', select('channel', channels), plain],
    ['startsAt', 'Starts (your time)', input('startsAt', 'datetime-local', localInput(start)), instant],
    ['endsAt', 'Ends (your time)', input('endsAt', 'datetime-local', localInput(end)), instant],
    ['minimumSpend', 'Minimum spend', input('minimumSpend', 'number'), number],
    ['categoryIds', 'Categories in scope (comma-separated)', input('categoryIds'), list],
    ['budget', 'Budget (discount to give away)', input('budget', 'number'), number],
    ['costPerContact', 'Cost per contact (a message, a mailer)', input('costPerContact', 'number', '0'), number],
    ['frequencyCapPerDay', 'Exposures per shopper per day', input('frequencyCapPerDay', 'number'), number],
    ['holdoutShare', 'Holdout share (0 to 0.5)', input('holdoutShare', 'number', '0.1'), number],
  ];
  if (initial) for (const [name, , element, read] of fields) element.value = shown(initial[name], read);
  const audience = audienceEditor((initial?.audience as Record<string, unknown> | undefined) ?? { all: true });
  const errorsOf = new Map<string, HTMLElement>();
  const general = h('div', { class: 'field-errors', 'data-field': 'general' });
  const elements: HTMLElement[] = fields.map(([name, label, element]) => {
    const errors = h('div', { class: 'field-errors', 'data-field': name });
    errorsOf.set(name, errors);
    return h('label', { class: 'field' }, label, element, errors);
  });
  elements.push(h('div', { class: 'field wide' }, 'Audience', audience.element), general);

  const show = (violations: Violation[], prefix = ''): void => {
    errorsOf.forEach((element) => replace(element));
    audience.showViolations([]);
    replace(general);
    const forAudience: Violation[] = [];
    for (const v of violations) {
      const path = prefix && v.field.startsWith(`${prefix}.`) ? v.field.slice(prefix.length + 1) : v.field;
      const top = path.split(/[.[]/)[0] ?? '';
      if (top === 'audience') forAudience.push(v);
      else if (errorsOf.has(top)) errorsOf.get(top)!.append(h('div', { class: 'field-error' }, v.message));
      else general.append(h('div', { class: 'field-error' }, v.field === 'general' ? v.message : `${v.field}: ${v.message}`));
    }
    audience.showViolations(forAudience);
  };

  return {
    elements,
    read() {
      const design: Record<string, unknown> = {};
      for (const [name, , element, read] of fields) {
        const value = read(element.value);
        if (value !== undefined) design[name] = value;
      }
      const audienceValue = audience.value();
      if (!audienceValue) {
        show([{ field: 'audience', rule: 'format', message: 'The audience must be a JSON object, e.g. {"all": true}.' }]);
        return undefined;
      }
      design.audience = audienceValue;
      return design;
    },
    show,
    onlyEditable(names) {
      for (const [name, , element] of fields) element.disabled = !names.includes(name);
      audience.element.querySelector('textarea')!.disabled = !names.includes('audience');
    },
    dispose: () => audience.dispose(),
  };
}
