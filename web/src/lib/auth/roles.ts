import type { Role } from '../../api/types';

export const STAFF: readonly Role[] = ['admin', 'manager', 'engineer', 'auditor', 'viewer'];
export const MANAGERS: readonly Role[] = ['admin', 'manager'];
export const AUDIT_READERS: readonly Role[] = ['admin', 'auditor'];
export const ADMINS: readonly Role[] = ['admin'];

/** Admin may do everything, as on the server. */
export const hasRole = (role: Role | undefined, allowed: readonly Role[]) =>
  role === 'admin' || (role !== undefined && allowed.includes(role));

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  manager: 'Manager',
  engineer: 'Engineer',
  auditor: 'Auditor',
  viewer: 'Viewer',
  customer: 'Customer',
};

/** Where a user lands after signing in. */
export const homeFor = (role: Role) => (role === 'customer' ? '/portal' : '/');

/** Only same-origin paths may be a `next` target (no open redirect to another site). */
export function safeNext(next: string | null | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/login')) return null;
  return next;
}
