import { closeSubscriptions } from './api';
import { h, replace } from './dom';
import { session } from './session';
import { signInPage } from './pages/signIn';
import { audiencePage } from './pages/audience';
import { shopperPage } from './pages/shopper';
import { campaignsPage } from './pages/campaigns';
import { campaignPage } from './pages/campaign';
import { campaignFormPage } from './pages/campaignForm';
import { campaignEditPage } from './pages/campaignEdit';
import { whatIfPage } from './pages/whatIf';
import { importsPage } from './pages/imports';
import { modelsPage } from './pages/models';
import { webhooksPage } from './pages/webhooks';
import type { Role } from './session';

/** A page draws into its root and may return what stops its timers and subscriptions when the page is left. */
export type Page = (root: HTMLElement, ...params: string[]) => void | (() => void);

interface Route {
  pattern: RegExp;
  page: Page;
  title: string;
  /** In the navigation for these roles: what their keys may use (docs/api.md#roles). */
  nav?: { href: string; roles: Role[] };
}

const everyRole: Role[] = ['ADMIN', 'MERCHANT', 'PARTNER'];
const dataRoles: Role[] = ['ADMIN', 'MERCHANT'];

const routes: Route[] = [
  { pattern: /^#\/audience$/, page: audiencePage, title: 'Audience', nav: { href: '#/audience', roles: dataRoles } },
  { pattern: /^#\/shoppers(?:\/(.+))?$/, page: shopperPage, title: 'Shoppers', nav: { href: '#/shoppers', roles: dataRoles } },
  { pattern: /^#\/campaigns$/, page: campaignsPage, title: 'Campaigns', nav: { href: '#/campaigns', roles: everyRole } },
  { pattern: /^#\/campaigns\/new$/, page: campaignFormPage, title: 'New campaign' },
  { pattern: /^#\/campaigns\/(.+)\/edit$/, page: campaignEditPage, title: 'Edit campaign' },
  { pattern: /^#\/campaigns\/(.+)$/, page: campaignPage, title: 'Campaign' },
  { pattern: /^#\/what-if$/, page: whatIfPage, title: 'What-if', nav: { href: '#/what-if', roles: dataRoles } },
  { pattern: /^#\/imports(?:\/(.+))?$/, page: importsPage, title: 'Imports', nav: { href: '#/imports', roles: dataRoles } },
  { pattern: /^#\/models$/, page: modelsPage, title: 'Models', nav: { href: '#/models', roles: dataRoles } },
  { pattern: /^#\/webhooks$/, page: webhooksPage, title: 'Webhooks', nav: { href: '#/webhooks', roles: ['ADMIN', 'PARTNER'] } },
];

const app = document.getElementById('app')!;
let leave: (() => void) | undefined;

function defaultRoute(): string {
  return session.can('ADMIN', 'MERCHANT') ? '#/audience' : '#/campaigns';
}

function render(): void {
  leave?.();
  leave = undefined;
  if (!session.key()) {
    replace(app, signInPage(() => navigate(defaultRoute())));
    return;
  }
  const hash = window.location.hash;
  const match = routes.map((route) => ({ route, found: route.pattern.exec(hash) })).find((m) => m.found);
  if (!match?.found) {
    window.location.replace(defaultRoute());
    return;
  }
  const main = h('main', { 'data-page': match.route.title });
  replace(app, header(), main);
  document.title = `${match.route.title} · Platform console`;
  const params = match.found.slice(1).map((p) => (p === undefined ? '' : decoded(p)));
  leave = match.route.page(main, ...params) ?? undefined;
}

function header(): HTMLElement {
  const links = routes
    .filter((r) => r.nav && session.can(...r.nav.roles))
    .map((r) => h('a', { href: r.nav!.href, class: window.location.hash.startsWith(r.nav!.href) ? 'active' : '' }, r.title));
  const signOut = h('button', { class: 'link', onclick: () => { session.signOut(); closeSubscriptions(); navigate(''); } }, 'Sign out');
  return h('header', {},
    h('strong', {}, 'Platform'),
    h('nav', {}, ...links),
    h('a', { href: '/graphql' }, 'GraphQL explorer'),
    h('span', { class: 'who', 'data-testid': 'who' }, `${session.tenant()} · ${session.role()}`),
    signOut);
}

/** Goes to a route: a hash change renders it (hashchange); the same hash is rendered again here. */
function navigate(hash: string): void {
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a malformed escape: the page says it found nothing by that id
  }
}

window.addEventListener('hashchange', render);
render();
