import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type PurchaseOrderLine, suppliers } from '../../db/schema/index.ts';
import type { Machine } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { conflict, forbidden, invalidField } from '../../lib/errors.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import { notBefore } from '../commercial/references.ts';
import { pricePurchaseOrder } from './purchase-orders.pricing.ts';
import { ReasonBody } from './purchase-orders.schemas.ts';

/**
 * Purchase-order rules. draft → submitted (`submit`) → approved (`approve`) → ordered (`order`) →
 * partially_received / received (automatically, by receipts) → closed (`close`); `cancel` from
 * draft, submitted, approved or ordered; `return` sends a submitted order back to draft.
 * Only drafts are editable. Submitting needs lines and a supplier that is approved or
 * conditionally approved (ISO/IEC 17025 §6.6); approving is four-eyes: the manager who submitted
 * cannot approve the same order (an admin can, as the lab's override, and the audit trail says so).
 */
export const APPROVABLE_SUPPLIER = ['approved', 'conditional'];

async function requireSupplier(tx: Db, id: unknown) {
  if (typeof id !== 'string') throw invalidField('supplier_id', 'is required');
  const [row] = await tx
    .select({
      id: suppliers.id,
      name: suppliers.name,
      approval_status: suppliers.approval_status,
      archived_at: suppliers.archived_at,
    })
    .from(suppliers)
    .where(eq(suppliers.id, id));
  if (!row) throw invalidField('supplier_id', `supplier ${id} does not exist`);
  if (row.archived_at) throw conflict(`Supplier ${row.name} is archived; restore it first`);
  return row;
}

/** 409 unless the supplier may receive orders now. */
async function requireApprovedSupplier(tx: Db, id: unknown, action: string) {
  const supplier = await requireSupplier(tx, id);
  if (!APPROVABLE_SUPPLIER.includes(supplier.approval_status)) {
    throw conflict(
      `Cannot ${action} a purchase order to supplier ${supplier.name}: its approval status is ` +
        `${supplier.approval_status}; only approved or conditionally approved suppliers may receive orders`,
    );
  }
}

export async function purchaseOrderToInsert(tx: Db, body: Record<string, unknown>, req: FastifyRequest) {
  await requireSupplier(tx, body.supplier_id);
  const orderDate = (body.order_date as string | null | undefined) ?? today(req);
  notBefore(orderDate, body.due_date, 'due_date', 'order_date');
  return {
    ...body,
    ...pricePurchaseOrder(body.lines, body.tax_rate),
    currency: body.currency ?? req.server.config.CURRENCY,
    order_date: orderDate,
    status: 'draft',
  };
}

export async function purchaseOrderToPatch(
  tx: Db,
  patch: Record<string, unknown>,
  before: Row,
  req: FastifyRequest,
) {
  if (before.status !== 'draft') {
    throw conflict(`Cannot edit a purchase order that is ${before.status}; only drafts are editable`);
  }
  const out = { ...patch };
  if ('supplier_id' in out) {
    if (out.supplier_id == null) throw invalidField('supplier_id', 'is required');
    if (out.supplier_id !== before.supplier_id) await requireSupplier(tx, out.supplier_id);
  }
  if (out.currency === null) out.currency = req.server.config.CURRENCY;
  if (out.order_date === null) delete out.order_date;
  const merged = { ...before, ...out };
  notBefore(merged.order_date, merged.due_date, 'due_date', 'order_date');
  if ('lines' in out || 'tax_rate' in out) {
    const stored = before.lines as PurchaseOrderLine[];
    Object.assign(
      out,
      pricePurchaseOrder(
        'lines' in out ? out.lines : stored,
        'tax_rate' in out ? out.tax_rate : before.tax_rate,
        stored,
      ),
    );
  }
  return out;
}

const reason = (_tx: Db, _row: Row, body: Record<string, unknown>) => ({
  status_reason: String(body.reason).trim(),
});

export const purchaseOrderMachine: Machine = {
  actions: [
    {
      name: 'submit',
      from: ['draft'],
      to: 'submitted',
      roles: MANAGERS,
      summary: 'Ask for approval (needs lines and an approved or conditional supplier)',
      apply: async (tx, row, _body, req) => {
        if (!(row.lines as unknown[]).length) {
          throw invalidField('lines', 'a purchase order needs at least one line to be submitted');
        }
        await requireApprovedSupplier(tx, row.supplier_id, 'submit');
        return { submitted_by: req.user.id, submitted_at: new Date(), status_reason: null };
      },
    },
    {
      name: 'return',
      from: ['submitted'],
      to: 'draft',
      roles: MANAGERS,
      body: ReasonBody,
      summary: 'Send back to draft for changes (with a reason)',
      apply: reason,
    },
    {
      name: 'approve',
      from: ['submitted'],
      to: 'approved',
      roles: MANAGERS,
      summary: 'Approve (not by the manager who submitted it; admins may)',
      apply: async (tx, row, _body, req) => {
        if (row.submitted_by === req.user.id && req.user.role !== 'admin') {
          throw forbidden(
            'You submitted this purchase order, so another manager must approve it (four-eyes rule)',
          );
        }
        await requireApprovedSupplier(tx, row.supplier_id, 'approve');
        return { approved_by: req.user.id, approved_at: new Date() };
      },
    },
    {
      name: 'order',
      from: ['approved'],
      to: 'ordered',
      roles: MANAGERS,
      summary: 'Mark as placed with the supplier',
      apply: () => ({ ordered_at: new Date() }),
    },
    {
      name: 'receive',
      from: ['ordered', 'partially_received'],
      roles: MANAGERS,
      summary: 'Record goods received: POST /purchase-orders/{id}/receipts',
      ownRoute: true,
    },
    {
      name: 'close',
      from: ['received'],
      to: 'closed',
      roles: MANAGERS,
      summary: 'Everything received and checked',
    },
    {
      name: 'cancel',
      from: ['draft', 'submitted', 'approved', 'ordered'],
      to: 'cancelled',
      roles: MANAGERS,
      body: ReasonBody,
      summary: 'Cancel (with a reason); not once goods have arrived',
      apply: reason,
    },
  ],
};
