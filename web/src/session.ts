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
  /** Whether the signed-in key has one of these roles (docs/api.md#roles says what each may do). */
  can: (...roles: Role[]): boolean => roles.includes(session.role() as Role),
};
