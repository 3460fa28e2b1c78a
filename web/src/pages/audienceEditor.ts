import type { Violation } from '../api';
import { h, replace } from '../dom';

export interface AudienceEditor {
  element: HTMLElement;
  /** The audience as typed, or undefined while the text is not a JSON object. */
  value(): Record<string, unknown> | undefined;
  set(audience: Record<string, unknown>): void;
  /** Shows the API's violations of this input (fields under `audience`) at the editor; an empty list clears them. */
  showViolations(violations: Violation[]): void;
  dispose(): void;
}

/**
 * An AudienceInput typed as JSON (docs/audiences.md), e.g. {"rule": {"field": "rfm.r", "op": "GTE", "number": 4}}.
 * onChange runs a moment after typing stops, with every valid JSON object: the server checks the rule itself.
 */
export function audienceEditor(initial: Record<string, unknown>, onChange?: (audience: Record<string, unknown>) => void): AudienceEditor {
  const text = h('textarea', { name: 'audience', rows: 4, spellcheck: false, 'data-testid': 'audience-input' });
  text.value = JSON.stringify(initial);
  const messages = h('div', { class: 'field-errors', 'data-field': 'audience' });
  let timer: number | undefined;

  const parse = (): Record<string, unknown> | undefined => {
    try {
      const parsed: unknown = JSON.parse(text.value);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };

  const changed = (): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const audience = parse();
      replace(messages, audience ? null : h('div', { class: 'field-error' }, 'The audience must be a JSON object, e.g. {"all": true}.'));
      if (audience) onChange?.(audience);
    }, 400);
  };
  text.addEventListener('input', changed);

  return {
    element: h('div', { class: 'field wide' }, text, messages,
      h('p', { class: 'hint' }, 'JSON: {"all": true}, {"tags": ["vip"]} or {"rule": {"all": [{"field": "age", "op": "GTE", "number": 30}, {"field": "counter.PURCHASE.last30Days", "op": "GT", "number": 0}]}}')),
    value: parse,
    set(audience) {
      text.value = JSON.stringify(audience);
      changed();
    },
    showViolations(violations) {
      replace(messages, ...violations.map((v) => h('div', { class: 'field-error' }, v.message)));
    },
    dispose: () => window.clearTimeout(timer),
  };
}
