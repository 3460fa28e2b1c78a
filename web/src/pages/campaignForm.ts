import { ApiError, describe, gql } from '../api';
import { errorBox, h } from '../dom';
import { session } from '../session';
import { designForm } from './designForm';

/** A new campaign (createCampaign) as a DRAFT; every violation the server reports is shown at its field. */
export function campaignFormPage(root: HTMLElement): () => void {
  root.append(h('h1', {}, 'New campaign'));
  if (!session.can('ADMIN', 'MERCHANT')) {
    root.append(errorBox(`A ${session.role()} key may read campaigns and follow their KPIs, not create or change them.`));
    return () => undefined;
  }
  const design = designForm();
  const form = h('form', { class: 'card form', novalidate: true }, ...design.elements, h('button', { type: 'submit' }, 'Create draft'));
  root.append(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = design.read();
    if (!value) return;
    try {
      const { createCampaign } = await gql<{ createCampaign: { id: string } }>(
        'mutation Create($design: CampaignDesignInput!) { createCampaign(design: $design) { id } }', { design: value });
      window.location.hash = `#/campaigns/${encodeURIComponent(createCampaign.id)}`;
    } catch (error) {
      if (error instanceof ApiError && error.violations.length > 0) design.show(error.violations);
      else design.show([{ field: 'general', rule: 'error', message: describe(error) }]);
    }
  });
  return () => design.dispose();
}
