import { describe, type Violation } from './api';

/** A small element builder: h('div', { class: 'x' }, child, 'text'). */
type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const measureFormat = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });
const percentFormat = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

export const format = {
  number: (value: number | string | null | undefined): string => (value === null || value === undefined ? '–' : numberFormat.format(Number(value))),
  /** A model measure (Qini, AUC, NDCG, PSI): three significant digits, as small ones matter. */
  measure: (value: number | null | undefined): string => (value === null || value === undefined ? '–' : measureFormat.format(value)),
  percent: (value: number | null | undefined): string => (value === null || value === undefined ? '–' : percentFormat.format(value)),
  date: (value: string | null | undefined): string => (value ? new Date(value).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '–'),
  interval: (estimate: { value: number; low: number; high: number } | null | undefined, asPercent = false): string => {
    if (!estimate) return '–';
    const show = asPercent ? format.percent : format.number;
    return `${show(estimate.value)} [${show(estimate.low)}, ${show(estimate.high)}]`;
  },
};

/** A labelled figure for a row of tiles. */
export function tile(label: string, value: string, testId?: string): HTMLElement {
  return h('div', { class: 'tile' }, h('div', { class: 'tile-label' }, label), h('div', { class: 'tile-value', 'data-testid': testId }, value));
}

/** A message, or an error as the API gave it (message and code). */
export function errorBox(error: unknown): HTMLElement {
  return h('div', { class: 'error', role: 'alert' }, describe(error));
}

/** A labelled form field with the place where showAtFields puts its messages. */
export function field(name: string, label: string, ...inputs: HTMLElement[]): HTMLElement {
  return h('label', { class: 'field' }, label, ...inputs, h('div', { class: 'field-errors', 'data-field': name }));
}

/**
 * Shows each violation under the form's `[data-field=NAME]` element, NAME being the first segment of its path after
 * `prefix` (input.url -> url); clears earlier ones first. Returns the violations no field of the form names.
 */
export function showAtFields(form: HTMLElement, violations: Violation[], prefix = ''): Violation[] {
  form.querySelectorAll('.field-errors').forEach((e) => e.replaceChildren());
  return violations.filter((v) => {
    const path = prefix && v.field.startsWith(prefix) ? v.field.slice(prefix.length) : v.field;
    const at = form.querySelector(`.field-errors[data-field="${CSS.escape(path.split(/[.[]/)[0] ?? '')}"]`);
    at?.append(h('div', { class: 'field-error' }, v.message));
    return !at;
  });
}
