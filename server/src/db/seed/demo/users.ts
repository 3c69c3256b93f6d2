import { sql } from 'drizzle-orm';
import { createUserDirect } from '../../../lib/bootstrap.ts';
import { customers, users } from '../../schema/index.ts';
import type { Role } from '../../schema/users.ts';
import { PORTAL_CUSTOMER_EMAIL } from './customers.ts';
import type { DemoStep } from './step.ts';

/** Shared by every demo account and printed by seed-demo: demo data is for trying Labline out. */
export const DEMO_PASSWORD = 'labline-demo';

export const DEMO_USERS: { email: string; full_name: string; role: Role }[] = [
  { email: 'manager@demo.labline.local', full_name: 'Maria Keller', role: 'manager' },
  { email: 'engineer@demo.labline.local', full_name: 'Samuel Osei', role: 'engineer' },
  { email: 'auditor@demo.labline.local', full_name: 'Claire Dubois', role: 'auditor' },
  { email: 'viewer@demo.labline.local', full_name: 'Tom Becker', role: 'viewer' },
  { email: 'portal@nordicthreads.example', full_name: 'Ingrid Lindqvist', role: 'customer' },
];

/** One account per role below admin (the admin comes from first start), verified, with their audit events. */
export const usersStep: DemoStep = {
  name: 'users',
  async load({ tx, passwords }) {
    const [portalCustomer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(sql`lower(${customers.email}) = ${PORTAL_CUSTOMER_EMAIL}`);
    let created = 0;
    for (const user of DEMO_USERS) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${user.email}`);
      if (taken) continue;
      if (user.role === 'customer' && !portalCustomer) continue;
      await createUserDirect(tx, passwords, {
        ...user,
        password: DEMO_PASSWORD,
        customer_id: user.role === 'customer' ? portalCustomer.id : null,
      });
      created++;
    }
    return created;
  },
};
