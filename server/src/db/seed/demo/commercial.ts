import { inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AuditContext } from '../../../lib/audit.ts';
import { insertEntity, type Row } from '../../../lib/crud.ts';
import { nextNumber } from '../../../lib/numbering.ts';
import { priceDocument } from '../../../modules/commercial/pricing.ts';
import type { Db } from '../../client.ts';
import { customers, estimations, methods, projects, rfqs, salesOrders, users } from '../../schema/index.ts';
import { JOBS, type Job } from './commercial-jobs.ts';
import type { DemoStep } from './step.ts';

/**
 * A year of the commercial chain: RFQs in every state, quotes priced from the catalogue (some in
 * a second or third revision), and every won RFQ with its accepted quote, project and sales order.
 * Dates are relative to the day the demo is loaded, so the lists always look current; records are
 * created oldest first, so numbers rise with the dates.
 */
const DAY = 86_400_000;
const at = (daysAgo: number, hour = 10) => {
  const d = new Date(Date.now() - daysAgo * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

async function addQuote(
  ctx: { tx: Db; audit: AuditContext },
  rfq: Row,
  job: Job,
  values: Record<string, unknown>,
) {
  return insertEntity(ctx.tx, { table: estimations, name: 'estimation' }, ctx.audit, {
    rfq_id: rfq.id,
    customer_id: rfq.customer_id,
    title: rfq.title,
    currency: 'USD',
    notes: `Turnaround from receipt of ${job.items} samples.`,
    ...values,
  });
}

export const commercialStep: DemoStep = {
  name: 'commercial',
  async load({ tx, audit }) {
    const byEmail = new Map(
      (await tx.select({ id: customers.id, email: customers.email }).from(customers)).map((c) => [
        c.email,
        c.id,
      ]),
    );
    const codes = [...new Set(JOBS.flatMap((j) => j.methods))];
    const catalogue = new Map(
      (await tx.select().from(methods).where(inArray(methods.code, codes))).map((m) => [m.code, m]),
    );
    const [manager] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.email} = 'manager@demo.labline.local'`);
    const ctx = { tx, audit };
    let created = 0;

    for (const job of JOBS) {
      const customerId = byEmail.get(job.customer);
      if (!customerId) continue;
      const received = at(job.daysAgo, 9);
      const o = job.outcome;
      const rfqStatus = o.kind === 'won' ? 'won' : o.kind === 'expired' ? 'lost' : o.kind;
      const rfq = await insertEntity(tx, { table: rfqs, name: 'rfq' }, audit, {
        number: await nextNumber(tx, 'RFQ'),
        customer_id: customerId,
        title: job.title,
        product_description: job.product,
        requested_tests: `${job.methods.join(', ')} on ${job.items} items`,
        requested_method_ids: job.methods.map((c) => catalogue.get(c)?.id).filter(Boolean),
        quantity: job.items,
        received_date: dateOf(received),
        due_date: dateOf(at(job.daysAgo - 28)),
        status: rfqStatus,
        status_reason: 'reason' in o ? o.reason : null,
        created_at: received,
        updated_at: received,
      });
      created++;
      if (o.kind === 'received' || o.kind === 'cancelled') continue;

      // Priced from the catalogue: one line per method and item (a free line if the method is absent).
      const lines = job.methods.map((code) => {
        const m = catalogue.get(code);
        return m
          ? { method_id: m.id, quantity: job.items, discount_pct: job.items >= 5 ? '10' : '0' }
          : { description: code, quantity: job.items, unit_price: '75.00' };
      });
      const revisions = 'revisions' in o && o.revisions ? o.revisions : 1;
      const number = await nextNumber(tx, 'EST');
      // The accepted revision points at its project and order: their ids are chosen up front.
      const projectId = uuidv7();
      const orderId = uuidv7();
      let previous: Row | undefined;
      for (let rev = 1; rev <= revisions; rev++) {
        const last = rev === revisions;
        const made = at(job.daysAgo - 2 - (rev - 1) * 6, 11);
        const sent = at(job.daysAgo - 3 - (rev - 1) * 6, 15);
        // Each revision a little cheaper: the usual way a negotiation goes.
        const priced = await priceDocument(
          tx,
          lines.map((l) => ({ ...l, discount_pct: String(Number(l.discount_pct ?? 0) + (rev - 1) * 5) })),
          '8',
        );
        const status = !last
          ? o.kind === 'lost'
            ? 'rejected'
            : 'superseded'
          : (
              {
                won: 'accepted',
                quoted: 'sent',
                lost: 'rejected',
                expired: 'expired',
                under_review: 'draft',
              } as const
            )[o.kind];
        const decided = at(job.daysAgo - 8 - (rev - 1) * 6, 14);
        previous = await addQuote(ctx, rfq, job, {
          number,
          revision: rev,
          previous_id: previous?.id ?? null,
          ...priced,
          valid_until: dateOf(at(job.daysAgo - 3 - (rev - 1) * 6 - 30)),
          status,
          sent_at: status === 'draft' ? null : sent,
          decided_at: ['accepted', 'rejected'].includes(status) ? decided : null,
          decided_by: status === 'accepted' || status === 'rejected' ? (manager?.id ?? null) : null,
          decision_reason: status === 'rejected' ? ('reason' in o ? o.reason : 'Price too high') : null,
          project_id: status === 'accepted' ? projectId : null,
          sales_order_id: status === 'accepted' ? orderId : null,
          created_at: made,
          updated_at: status === 'draft' ? made : sent,
        });
        created++;
      }
      if (o.kind !== 'won' || !previous) continue;

      const start = at(job.daysAgo - 12);
      const project = await insertEntity(tx, { table: projects, name: 'project' }, audit, {
        id: projectId,
        number: await nextNumber(tx, 'PRJ'),
        name: job.title,
        customer_id: customerId,
        description: job.product,
        status: o.project,
        start_date: o.project === 'planned' ? null : dateOf(start),
        due_date: dateOf(at(job.daysAgo - 40)),
        manager_id: manager?.id ?? null,
        rfq_id: rfq.id,
        estimation_id: previous.id,
        created_at: at(job.daysAgo - 8, 16),
      });
      await insertEntity(tx, { table: salesOrders, name: 'sales_order' }, audit, {
        id: orderId,
        number: await nextNumber(tx, 'SO'),
        customer_id: customerId,
        project_id: project.id,
        estimation_id: previous.id,
        lines: previous.lines,
        currency: previous.currency,
        tax_rate: previous.tax_rate,
        subtotal: previous.subtotal,
        tax_amount: previous.tax_amount,
        total: previous.total,
        order_date: dateOf(at(job.daysAgo - 8)),
        status: o.project === 'completed' ? 'closed' : o.project === 'cancelled' ? 'cancelled' : 'open',
        notes: `From quote ${previous.number} revision ${previous.revision}`,
        created_at: at(job.daysAgo - 8, 16),
      });
      created += 2;
    }
    return created;
  },
};
