import { closeSubscriptions } from './api';
import { h, replace } from './dom';
import { session } from './session';
import { signInPage } from './pages/signIn';
import { audiencePage } from './pages/audience';
import { shopperPage } from './pages/shopper';
import { campaignsPage } from './pages/campaigns';
import { campaignPage } from './pages/campaign';
import { campaignFormPage } from './pages/campaignForm';

/** A page draws into its root and may return what stops its timers and subscriptions when the page is left. */
export type Page = (root: HTMLElement, ...params: string[]) => void | (() => void);

interface Route {
  pattern: RegExp;
  page: Page;
  title: string;
  /** Shown in the navigation; PARTNER keys see only what they may read. */
  nav?: { href: string; partner: boolean };
}

const routes: Route[] = [
  { pattern: /^#\/audience$/, page: audiencePage, title: 'Audience', nav: { href: '#/audience', partner: false } },
  { pattern: /^#\/shoppers(?:\/(.+))?$/, page: shopperPage, title: 'Shoppers', nav: { href: '#/shoppers', partner: false } },
  { pattern: /^#\/campaigns$/, page: campaignsPage, title: 'Campaigns', nav: { href: '#/campaigns', partner: true } },
  { pattern: /^#\/campaigns\/new$/, page: campaignFormPage, title: 'New campaign' },
  { pattern: /^#\/campaigns\/(.+)$/, page: campaignPage, title: 'Campaign' },
];

const app = document.getElementById('app')!;
let leave: (() => void) | undefined;

function defaultRoute(): string {
  return session.canEdit() ? '#/audience' : '#/campaigns';
}

function render(): void {
  leave?.();
  leave = undefined;
  if (!session.key()) {
    replace(app, signInPage(() => { window.location.hash = defaultRoute(); render(); }));
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
  const params = match.found.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p)));
  leave = match.route.page(main, ...params) ?? undefined;
}

function header(): HTMLElement {
  const partner = session.role() === 'PARTNER';
  const links = routes
    .filter((r) => r.nav && (!partner || r.nav.partner))
    .map((r) => h('a', { href: r.nav!.href, class: window.location.hash.startsWith(r.nav!.href) ? 'active' : '' }, r.title));
  const signOut = h('button', { class: 'link', onclick: () => { session.signOut(); closeSubscriptions(); window.location.hash = ''; render(); } }, 'Sign out');
  return h('header', {},
    h('strong', {}, 'Platform'),
    h('nav', {}, ...links),
    h('span', { class: 'who', 'data-testid': 'who' }, `${session.tenant()} · ${session.role()}`),
    signOut);
}

window.addEventListener('hashchange', render);
render();
