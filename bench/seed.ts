import type { Database } from '../server/src/db/client.ts';

/**
 * Fills the customers table with `rows` realistic-looking rows in one statement (generate_series),
 * spread over the past year so sorting by created_at has real work to do.
 */
export async function seedCustomers(database: Database, rows: number): Promise<void> {
  const db = database.db;
  await db.execute(
    `
    insert into customers (id, company_name, email, phone, address, contact_person, is_active, contacts, created_at, updated_at)
    select gen_random_uuid(),
           'Bench Company ' || i,
           'bench-' || i || '@example.test',
           '+1 555 ' || lpad((i % 10000)::text, 4, '0'),
           i || ' Mill Street, Textile Town',
           'Contact ' || i,
           i % 10 <> 0,
           jsonb_build_array(jsonb_build_object('name', 'QA ' || i, 'email', 'qa-' || i || '@example.test')),
           now() - make_interval(secs => i * 300),
           now() - make_interval(secs => i * 300)
    from generate_series(1, ${Math.floor(rows)}) as s(i)
  ` as never,
  );
  await db.execute('analyze customers' as never);
}
