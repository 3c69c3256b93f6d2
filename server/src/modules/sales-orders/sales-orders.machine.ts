import { and, eq, ne } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { salesOrders } from '../../db/schema/index.ts';
import type { Machine } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { conflict, invalidField } from '../../lib/errors.ts';
import { DateOnly, Text } from '../../lib/schemas.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import { notBefore } from '../commercial/references.ts';

/**
 * A sales order has two independent states, each moved only by actions (managers):
 * - delivery: open → confirmed (`confirm`) → in_progress (`start`) → delivered (`deliver`) →
 *   closed (`close`); `cancel` (with a reason) while nothing is invoiced and it is not delivered;
 * - invoicing: not_invoiced → invoiced (`invoice`, with the accounting system's invoice number
 *   and date; needs lines and a confirmed, not cancelled order) → paid (`mark-paid`, with the
 *   date paid).
 * `allowed_actions` lists both kinds.
 */
const Version = Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' }));

export const InvoiceBody = Type.Object(
  {
    invoice_number: Text(64, 1),
    /** defaults to today */
    invoice_date: Type.Optional(DateOnly),
    version: Version,
  },
  { additionalProperties: false, title: 'SalesOrderInvoice' },
);
export const PaidBody = Type.Object(
  { paid_date: Type.Optional(DateOnly), version: Version },
  { additionalProperties: false, title: 'SalesOrderPaid' },
);
const CancelBody = Type.Object(
  { reason: Text(2000, 1), version: Version },
  { additionalProperties: false, title: 'SalesOrderCancel' },
);

const INVOICEABLE = ['confirmed', 'in_progress', 'delivered', 'closed'];

async function invoice(tx: Db, row: Row, body: Record<string, unknown>, req: Parameters<typeof today>[0]) {
  if (!INVOICEABLE.includes(String(row.status))) {
    throw conflict(
      `Cannot invoice sales order ${row.number} while it is ${row.status}; confirm it first (invoiceable: ${INVOICEABLE.join(', ')})`,
    );
  }
  if (!(row.lines as unknown[]).length)
    throw invalidField('lines', 'an order without lines has nothing to invoice');
  const number = String(body.invoice_number).trim();
  if (!number) throw invalidField('invoice_number', 'must not be blank');
  const [taken] = await tx
    .select({ number: salesOrders.number })
    .from(salesOrders)
    .where(and(eq(salesOrders.invoice_number, number), ne(salesOrders.id, row.id)))
    .limit(1);
  if (taken) throw conflict(`Invoice number ${number} is already used by sales order ${taken.number}`);
  const date = (body.invoice_date as string | undefined) ?? today(req);
  notBefore(row.order_date, date, 'invoice_date', 'order_date');
  return { invoice_number: number, invoice_date: date };
}

export const salesOrderMachine: Machine = {
  actions: [
    { name: 'confirm', from: ['open'], to: 'confirmed', roles: MANAGERS, summary: 'Confirm the order' },
    { name: 'start', from: ['confirmed'], to: 'in_progress', roles: MANAGERS, summary: 'Work has started' },
    {
      name: 'deliver',
      from: ['in_progress'],
      to: 'delivered',
      roles: MANAGERS,
      summary: 'Results delivered',
    },
    { name: 'close', from: ['delivered'], to: 'closed', roles: MANAGERS, summary: 'Nothing left to do' },
    {
      name: 'cancel',
      from: ['open', 'confirmed', 'in_progress'],
      to: 'cancelled',
      roles: MANAGERS,
      body: CancelBody,
      summary: 'Cancel (with a reason); not once invoiced',
      apply: (_tx, row, body) => {
        if (row.invoicing_status !== 'not_invoiced') {
          throw conflict(
            `Sales order ${row.number} is ${row.invoicing_status}; it can no longer be cancelled`,
          );
        }
        return { status_reason: String(body.reason).trim() };
      },
    },
    {
      name: 'invoice',
      field: 'invoicing_status',
      from: ['not_invoiced'],
      to: 'invoiced',
      roles: MANAGERS,
      body: InvoiceBody,
      summary: 'Record the invoice (number and date) sent by the accounting system',
      apply: (tx, row, body, req) => invoice(tx, row, body, req),
    },
    {
      name: 'mark-paid',
      field: 'invoicing_status',
      from: ['invoiced'],
      to: 'paid',
      roles: MANAGERS,
      body: PaidBody,
      summary: 'The customer paid the invoice',
      apply: (_tx, row, body, req) => {
        const date = (body.paid_date as string | undefined) ?? today(req);
        notBefore(row.invoice_date, date, 'paid_date', 'invoice_date');
        return { paid_date: date };
      },
    },
  ],
};
