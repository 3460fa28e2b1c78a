/** The signed-in API key and its role, kept in sessionStorage (gone when the tab closes; never in a URL). */
export type Role = 'ADMIN' | 'MERCHANT' | 'PARTNER';

const keyName = 'platform.apiKey';
const roleName = 'platform.role';
const tenantName = 'platform.tenant';

export const session = {
  key: (): string | null => sessionStorage.getItem(keyName),
  role: (): Role | null => sessionStorage.getItem(roleName) as Role | null,
  tenant: (): string | null => sessionStorage.getItem(tenantName),
  signIn(key: string, role: Role, tenant: string): void {
    sessionStorage.setItem(keyName, key);
    sessionStorage.setItem(roleName, role);
    sessionStorage.setItem(tenantName, tenant);
  },
  signOut(): void {
    sessionStorage.removeItem(keyName);
    sessionStorage.removeItem(roleName);
    sessionStorage.removeItem(tenantName);
  },
  /** Whether the role may read profiles, audiences and change campaigns (PARTNER keys only read campaigns). */
  canEdit: (): boolean => session.role() === 'ADMIN' || session.role() === 'MERCHANT',
};
