import { gql } from '../api';
import { errorBox, format, h, replace } from '../dom';
import { session } from '../session';

interface Row {
  id: string;
  name: string;
  status: string;
  type: string;
  channel: string | null;
  startsAt: string;
  endsAt: string;
  kpis: { reach: number; conversions: number; gmv: number; conversionRateLift: { value: number; low: number; high: number } | null };
}

const listQuery = `query Campaigns($after: String) { campaigns(first: 50, after: $after) {
  nodes { id name status type channel startsAt endsAt kpis { reach conversions gmv conversionRateLift { value low high } } }
  hasNextPage endCursor } }`;

/** The tenant's campaigns, newest first, with status and the conversion-rate lift with its 95% interval. */
export function campaignsPage(root: HTMLElement): void {
  const table = h('table', { 'data-testid': 'campaigns' },
    h('tr', {}, h('th', {}, 'Campaign'), h('th', {}, 'Status'), h('th', {}, 'Type'), h('th', {}, 'Channel'), h('th', {}, 'Runs'),
      h('th', {}, 'Reach'), h('th', {}, 'Conversions'), h('th', {}, 'GMV'), h('th', {}, 'Conversion-rate lift [95%]')));
  const more = h('div');
  root.append(
    h('div', { class: 'title-row' }, h('h1', {}, 'Campaigns'), session.can('ADMIN', 'MERCHANT') ? h('a', { class: 'button', href: '#/campaigns/new' }, 'New campaign') : null),
    h('section', { class: 'card' }, table, more));

  async function load(after: string | null): Promise<void> {
    try {
      const { campaigns } = await gql<{ campaigns: { nodes: Row[]; hasNextPage: boolean; endCursor: string | null } }>(listQuery, { after });
      for (const c of campaigns.nodes) {
        table.append(h('tr', {},
          h('td', {}, h('a', { href: `#/campaigns/${encodeURIComponent(c.id)}` }, c.name)),
          h('td', {}, h('span', { class: `status ${c.status.toLowerCase()}` }, c.status)),
          h('td', {}, c.type), h('td', {}, c.channel ?? ''),
          h('td', {}, `${format.date(c.startsAt)} → ${format.date(c.endsAt)}`),
          h('td', {}, format.number(c.kpis.reach)), h('td', {}, format.number(c.kpis.conversions)), h('td', {}, format.number(c.kpis.gmv)),
          h('td', {}, format.interval(c.kpis.conversionRateLift, true))));
      }
      replace(more, campaigns.hasNextPage ? h('button', { class: 'link', onclick: () => void load(campaigns.endCursor) }, 'More') : null);
      if (table.rows.length === 1) replace(more, h('p', { class: 'hint' }, 'No campaigns yet.'));
    } catch (error) {
      replace(more, errorBox(error));
    }
  }
  void load(null);
}
