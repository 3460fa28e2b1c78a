import { gql } from '../api';
import { errorBox, h, replace } from '../dom';
import { session, type Role } from '../session';

/** Sign-in with an API key: the key is checked with a tenant query and kept in sessionStorage only. */
export function signInPage(onSignedIn: () => void): HTMLElement {
  const key = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', required: true, placeholder: 'API key' });
  const message = h('div');
  const form = h('form', { class: 'card sign-in' },
    h('h1', {}, 'Platform console'),
    h('label', {}, 'API key', key),
    h('p', { class: 'hint' }, 'The key stays in this tab (session storage) and is sent in the X-Api-Key header.'),
    message,
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    try {
      session.signIn(key.value.trim(), 'PARTNER', '');
      const { tenant } = await gql<{ tenant: { id: string; callerRole: Role } }>('{ tenant { id callerRole } }');
      session.signIn(key.value.trim(), tenant.callerRole, tenant.id);
      onSignedIn();
    } catch (error) {
      session.signOut();
      replace(message, errorBox(error));
    }
  });
  return h('div', { class: 'center' }, form);
}
