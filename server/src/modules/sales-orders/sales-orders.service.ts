import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type PricedLine, projects } from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';
import { conflict, invalidField } from '../../lib/errors.ts';
import { priceDocument } from '../commercial/pricing.ts';
import { requireCustomer, today } from '../commercial/references.ts';

/**
 * Sales orders by hand. Kept minimal on purpose (states and invoicing come with the invoicing
 * work); what holds already: exact server-side pricing, gapless numbers, a project of the same
 * customer, and no edits once the order has left `open`.
 */
async function checkProject(tx: Db, projectId: unknown, customerId: unknown) {
  if (projectId == null) return;
  const [project] = await tx
    .select({ customer_id: projects.customer_id })
    .from(projects)
    .where(eq(projects.id, String(projectId)));
  if (!project) throw invalidField('project_id', `project ${projectId} does not exist`);
  if (project.customer_id !== customerId) throw invalidField('project_id', 'belongs to another customer');
}

export async function salesOrderToInsert(tx: Db, body: Record<string, unknown>, req: FastifyRequest) {
  await requireCustomer(tx, body.customer_id);
  await checkProject(tx, body.project_id, body.customer_id);
  return {
    ...body,
    ...(await priceDocument(tx, body.lines, body.tax_rate)),
    currency: body.currency ?? req.server.config.CURRENCY,
    order_date: body.order_date ?? today(req),
  };
}

export async function salesOrderToPatch(
  tx: Db,
  patch: Record<string, unknown>,
  before: Row,
  req: FastifyRequest,
) {
  if (before.status !== 'open') {
    throw conflict(`Cannot edit a sales order that is ${before.status}; open orders are editable`);
  }
  const out = { ...patch };
  if (out.customer_id != null && out.customer_id !== before.customer_id) {
    throw invalidField('customer_id', 'cannot change after creation');
  }
  delete out.customer_id;
  if ('project_id' in out && out.project_id !== before.project_id) {
    await checkProject(tx, out.project_id, before.customer_id);
  }
  if (out.currency === null) out.currency = req.server.config.CURRENCY;
  if (out.order_date === null) delete out.order_date;
  if ('lines' in out || 'tax_rate' in out) {
    const beforeLines = before.lines as PricedLine[];
    const kept = beforeLines.map((l) => l.method_id).filter((id): id is string => !!id);
    Object.assign(
      out,
      await priceDocument(
        tx,
        'lines' in out ? out.lines : beforeLines,
        'tax_rate' in out ? out.tax_rate : before.tax_rate,
        kept,
      ),
    );
  }
  return out;
}
