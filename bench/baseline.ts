import Fastify from 'fastify';
import pg from 'pg';

/**
 * The yardstick: a bare Fastify + pg server answering the same two queries as Labline's customers
 * list (first page + capped count) and get-by-id, with no auth, validation, audit or logging.
 * Labline's authenticated endpoints are compared against this on the same database.
 */
export async function startBaseline(databaseUrl: string, port: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const app = Fastify({ logger: false });
  const columns =
    'id, created_at, updated_at, version, archived_at, company_name, email, phone, address, contact_person, is_active, notes, contacts';
  app.get('/customers', async () => {
    const [page, count] = await Promise.all([
      pool.query(
        `select ${columns} from customers where archived_at is null order by created_at desc, id desc limit 21`,
      ),
      pool.query(
        'select count(*)::int as n from (select 1 from customers where archived_at is null limit 10001) c',
      ),
    ]);
    return { items: page.rows.slice(0, 20), total: count.rows[0].n, skip: 0, limit: 20 };
  });
  app.get<{ Params: { id: string } }>('/customers/:id', async (req, reply) => {
    const { rows } = await pool.query(`select ${columns} from customers where id = $1`, [req.params.id]);
    if (!rows[0]) return reply.code(404).send({ detail: 'not found' });
    return rows[0];
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
