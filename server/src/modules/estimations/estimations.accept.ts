import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { projects, rfqs, salesOrders } from '../../db/schema/index.ts';
import { insertEntity, type Row } from '../../lib/crud.ts';
import { notify, userIdsWithRole } from '../../lib/notifications.ts';
import { nextNumber } from '../../lib/numbering.ts';
import { today } from '../commercial/references.ts';
import { advanceRfq } from '../rfqs/rfqs.service.ts';

/**
 * What accepting a quote sets in motion, inside the accept action's transaction: the project
 * (PRJ-…, planned), the sales order (SO-…, lines and totals copied as priced) and the RFQ won.
 * Any failure (a closed RFQ, a database error) rolls all of it back with the acceptance itself,
 * numbers included, so nothing half-made is left and the numbering keeps no gap.
 * Returns the links to write on the quote.
 */
export async function acceptQuote(tx: Db, quote: Row, req: FastifyRequest) {
  const rfq = quote.rfq_id
    ? (
        await tx
          .select()
          .from(rfqs)
          .where(eq(rfqs.id, String(quote.rfq_id)))
      )[0]
    : undefined;
  const managerId = req.user.role === 'manager' || req.user.role === 'admin' ? req.user.id : null;
  const project = await insertEntity(tx, { table: projects, name: 'project' }, req.audit, {
    number: await nextNumber(tx, 'PRJ'),
    name: quote.title ?? rfq?.title ?? `Work quoted in ${quote.number}`,
    customer_id: quote.customer_id,
    description: rfq?.product_description ?? null,
    due_date: rfq?.due_date ?? null,
    manager_id: managerId,
    rfq_id: quote.rfq_id ?? null,
    estimation_id: quote.id,
    status: 'planned',
  });
  const order = await insertEntity(tx, { table: salesOrders, name: 'sales_order' }, req.audit, {
    number: await nextNumber(tx, 'SO'),
    customer_id: quote.customer_id,
    project_id: project.id,
    estimation_id: quote.id,
    lines: quote.lines,
    currency: quote.currency,
    tax_rate: quote.tax_rate,
    subtotal: quote.subtotal,
    tax_amount: quote.tax_amount,
    total: quote.total,
    order_date: today(req),
    notes: `From quote ${quote.number} revision ${quote.revision}`,
  });
  if (quote.rfq_id) await advanceRfq(tx, req.audit, String(quote.rfq_id), 'won');
  await notify(tx, {
    userIds: [...(await userIdsWithRole(tx, ['manager'])), String(quote.created_by ?? '')],
    kind: 'quote_accepted',
    title: `Quote ${quote.number} accepted: ${project.number} and ${order.number} opened`,
    link: `/quotes/${quote.id}`,
    entity: { type: 'estimation', id: String(quote.id) },
  });
  return { project_id: project.id, sales_order_id: order.id };
}
