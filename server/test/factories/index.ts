import { randomBytes } from 'node:crypto';
import { customers } from '../../src/db/schema/index.ts';
import type { Role } from '../../src/db/schema/users.ts';
import { createUserDirect } from '../../src/lib/bootstrap.ts';
import type { App } from '../../src/types.ts';

/** Test data factories: the smallest valid record, with overrides. */
export const uniq = () => randomBytes(4).toString('hex');

export async function makeCustomer(app: App, overrides: Partial<typeof customers.$inferInsert> = {}) {
  const [row] = await app.db
    .insert(customers)
    .values({ company_name: `Customer ${uniq()}`, email: `c-${uniq()}@example.test`, ...overrides })
    .returning();
  return row;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function makeUser(
  app: App,
  overrides: {
    role?: Role;
    email?: string;
    password?: string;
    customer_id?: string | null;
    verified?: boolean;
  } = {},
) {
  let customerId = overrides.customer_id ?? null;
  if (overrides.role === 'customer' && !customerId) customerId = (await makeCustomer(app)).id;
  return createUserDirect(app.db, app.passwords, {
    email: overrides.email ?? `${overrides.role ?? 'viewer'}-${uniq()}@example.test`,
    password: overrides.password ?? TEST_PASSWORD,
    role: overrides.role ?? 'viewer',
    customer_id: customerId,
    verified: overrides.verified,
    full_name: 'Test User',
  });
}

/** Signs a user in through the API and returns the token pair and a ready header. */
export async function login(app: App, email: string, password = TEST_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
  const body = res.json() as { access_token: string; refresh_token: string };
  return { ...body, headers: { authorization: `Bearer ${body.access_token}` } };
}

/** A signed-in user of a role: `{ user, headers }`. */
export async function signedIn(
  app: App,
  role: Role = 'admin',
  overrides: Parameters<typeof makeUser>[1] = {},
) {
  const user = await makeUser(app, { ...overrides, role });
  const tokens = await login(app, user.email, overrides.password ?? TEST_PASSWORD);
  return { user, ...tokens };
}
