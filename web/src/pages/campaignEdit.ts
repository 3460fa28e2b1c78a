import { ApiError, describe, gql, type Violation } from '../api';
import { errorBox, h, replace } from '../dom';
import { session } from '../session';
import { designForm, type DesignForm } from './designForm';

/** What may change once a campaign has started (docs/campaigns.md#lifecycle); the rest is locked (LOCKED_WHILE_LIVE). */
const changeableWhileLive = ['name', 'budget', 'endsAt', 'frequencyCapPerDay'];

/** Types without a value: changing to one drops the value (CampaignChanges.ApplyTo). */
const valueless = ['FREE_SHIPPING', 'MESSAGE_ONLY'];

const campaignQuery = `query Campaign($id: ID!) { campaign(id: $id) {
  id name status type value channel startsAt endsAt minimumSpend categoryIds budget costPerContact frequencyCapPerDay holdoutShare audience } }`;

/**
 * The CampaignChangesInput between two readings of the same form: the fields whose value moved. updateCampaign keeps a
 * field left out, so a value emptied cannot be sent as "none": it is reported instead (a list is sent empty).
 */
export function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): { changes: Record<string, unknown>; cleared: string[] } {
  const changes: Record<string, unknown> = {};
  const cleared: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[name]) === JSON.stringify(after[name])) continue;
    if (after[name] !== undefined) changes[name] = after[name];
    else if (Array.isArray(before[name])) changes[name] = [];
    else if (name === 'value' && valueless.includes(String(after.type))) continue; // the new type drops the value
    else cleared.push(name);
  }
  return { changes, cleared };
}

/** Changes a saved campaign (updateCampaign): every field while DRAFT or SCHEDULED, the few that may change once started. */
export function campaignEditPage(root: HTMLElement, id: string): () => void {
  const head = h('div', {}, h('h1', {}, 'Edit campaign'));
  root.append(head);
  if (!session.can('ADMIN', 'MERCHANT')) {
    head.append(errorBox(`A ${session.role()} key may read campaigns and follow their KPIs, not create or change them.`));
    return () => undefined;
  }
  let design: DesignForm | undefined;

  async function load(): Promise<void> {
    const { campaign: c } = await gql<{ campaign: (Record<string, unknown> & { status: string; audience: string }) | null }>(campaignQuery, { id });
    if (!c) {
      head.append(errorBox(`There is no campaign ${id} in this tenant.`));
      return;
    }
    if (c.status === 'ENDED') {
      head.append(errorBox('An ENDED campaign cannot change.'));
      return;
    }
    const form = designForm({ ...c, audience: JSON.parse(c.audience) as unknown });
    design = form;
    const live = c.status === 'RUNNING' || c.status === 'PAUSED';
    if (live) form.onlyEditable(changeableWhileLive);
    const before = form.read() ?? {};
    const element = h('form', { class: 'card form', novalidate: true }, ...form.elements,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save changes'), h('a', { href: `#/campaigns/${encodeURIComponent(id)}` }, 'Cancel')));
    replace(head,
      h('h1', {}, `Edit ${String(c.name)}`),
      h('p', { class: 'hint' }, live
        ? `${c.status}: only the name, budget, end and daily cap can change; the offer, audience and holdout define the experiment.`
        : `${c.status}: every field can change until it starts.`),
      element);
    element.addEventListener('submit', (event) => {
      event.preventDefault();
      void save(form, before);
    });
  }

  async function save(form: DesignForm, before: Record<string, unknown>): Promise<void> {
    const after = form.read();
    if (!after) return;
    const { changes, cleared } = changesBetween(before, after);
    const refused: Violation[] = cleared.map((field) => ({
      field, rule: 'required', message: `${field} cannot be emptied once set: give a new value, or leave it as it was.`,
    }));
    if (refused.length === 0 && Object.keys(changes).length === 0) refused.push({ field: 'general', rule: 'unchanged', message: 'Nothing changed.' });
    if (refused.length > 0) {
      form.show(refused);
      return;
    }
    try {
      await gql('mutation Update($id: ID!, $changes: CampaignChangesInput!) { updateCampaign(id: $id, changes: $changes) { id } }', { id, changes });
      window.location.hash = `#/campaigns/${encodeURIComponent(id)}`;
    } catch (error) {
      if (error instanceof ApiError && error.violations.length > 0) form.show(error.violations, 'changes');
      else form.show([{ field: 'general', rule: 'error', message: describe(error) }]);
    }
  }

  load().catch((error: unknown) => head.append(errorBox(error)));
  return () => design?.dispose();
}
