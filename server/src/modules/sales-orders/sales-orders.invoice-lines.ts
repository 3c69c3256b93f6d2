import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { customers, type PricedLine, salesOrders } from '../../db/schema/index.ts';
import { invalidField } from '../../lib/errors.ts';
import { EXPORT_MEDIA_TYPES, exportFormatOf, sendExport } from '../../lib/list.ts';
import { Decimal } from '../../lib/money.ts';
import { DateOnly, Id, Money, Nullable } from '../../lib/schemas.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';

/**
 * GET /sales-orders/invoice-lines: the lines of invoiced (and paid) sales orders, one row per
 * line, for the lab's accounting system. Filters: invoice date `from`/`to` (inclusive), `status`
 * (invoiced | paid; both by default), `customer_id`. CSV (`Accept: text/csv` or `format=csv`) and
 * XLSX stream everything; JSON answers the first `limit` lines. Tax is charged per document
 * (docs/orders.md), so each row carries the order's tax rate and totals beside its line total.
 */
export const INVOICE_LINE_COLUMNS = [
  'so_number',
  'customer_name',
  'invoice_number',
  'invoice_date',
  'paid_date',
  'invoicing_status',
  'currency',
  'line_no',
  'description',
  'quantity',
  'unit_price',
  'discount_pct',
  'line_total',
  'tax_rate',
  'order_subtotal',
  'order_tax_amount',
  'order_total',
] as const;

const InvoiceLine = Type.Object(
  {
    sales_order_id: Id,
    so_number: Type.String(),
    customer_id: Id,
    customer_name: Type.String(),
    invoice_number: Type.String(),
    invoice_date: DateOnly,
    paid_date: Nullable(DateOnly),
    invoicing_status: Type.String(),
    currency: Type.String(),
    line_no: Type.Integer(),
    description: Type.String(),
    quantity: Type.String(),
    unit_price: Money,
    discount_pct: Type.String(),
    line_total: Money,
    tax_rate: Type.String(),
    order_subtotal: Money,
    order_tax_amount: Money,
    order_total: Money,
  },
  { title: 'InvoiceLine' },
);

const Query = Type.Object({
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
  status: Type.Optional(Type.Union([Type.Literal('invoiced'), Type.Literal('paid')])),
  customer_id: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'JSON only' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])),
});
type InvoiceQuery = {
  from?: string;
  to?: string;
  status?: 'invoiced' | 'paid';
  customer_id?: string;
  limit?: number;
  format?: string;
};

const BATCH = 500;

/** Invoiced orders in (invoice_date, id) order, in keyset batches, as one row per line. */
async function* invoiceLines(db: Db, query: InvoiceQuery): AsyncGenerator<Record<string, unknown>[]> {
  const base: (SQL | undefined)[] = [
    isNull(salesOrders.archived_at),
    isNotNull(salesOrders.invoice_date),
    query.status
      ? eq(salesOrders.invoicing_status, query.status)
      : inArray(salesOrders.invoicing_status, ['invoiced', 'paid']),
    query.from ? gte(salesOrders.invoice_date, query.from) : undefined,
    query.to ? lte(salesOrders.invoice_date, query.to) : undefined,
    query.customer_id ? eq(salesOrders.customer_id, query.customer_id) : undefined,
  ];
  let after: { date: string; id: string } | undefined;
  for (;;) {
    const orders = await db
      .select({
        id: salesOrders.id,
        number: salesOrders.number,
        customer_id: salesOrders.customer_id,
        customer_name: customers.company_name,
        invoice_number: salesOrders.invoice_number,
        invoice_date: salesOrders.invoice_date,
        paid_date: salesOrders.paid_date,
        invoicing_status: salesOrders.invoicing_status,
        currency: salesOrders.currency,
        lines: salesOrders.lines,
        tax_rate: salesOrders.tax_rate,
        subtotal: salesOrders.subtotal,
        tax_amount: salesOrders.tax_amount,
        total: salesOrders.total,
      })
      .from(salesOrders)
      .innerJoin(customers, eq(customers.id, salesOrders.customer_id))
      .where(
        and(
          ...base,
          after
            ? or(
                gt(salesOrders.invoice_date, after.date),
                and(eq(salesOrders.invoice_date, after.date), gt(salesOrders.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(salesOrders.invoice_date), asc(salesOrders.id))
      .limit(BATCH);
    if (!orders.length) return;
    yield orders.flatMap((o) =>
      (o.lines as PricedLine[]).map((line, i) => ({
        sales_order_id: o.id,
        so_number: o.number,
        customer_id: o.customer_id,
        customer_name: o.customer_name,
        invoice_number: o.invoice_number,
        invoice_date: o.invoice_date,
        paid_date: o.paid_date,
        invoicing_status: o.invoicing_status,
        currency: o.currency,
        line_no: i + 1,
        description: line.description,
        quantity: line.quantity,
        unit_price: line.unit_price,
        discount_pct: line.discount_pct,
        line_total: line.line_total,
        tax_rate: new Decimal(o.tax_rate).toString(),
        order_subtotal: o.subtotal,
        order_tax_amount: o.tax_amount,
        order_total: o.total,
      })),
    );
    if (orders.length < BATCH) return;
    const last = orders[orders.length - 1]!;
    after = { date: String(last.invoice_date), id: last.id };
  }
}

export function registerInvoiceLines(app: App) {
  app.get(
    '/api/v1/sales-orders/invoice-lines',
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'sales-orders-invoice-lines',
        tags: ['sales-orders'],
        summary: 'Invoice lines of invoiced and paid sales orders, for accounting (CSV, XLSX or JSON)',
        description:
          'Send `Accept: text/csv` or `format=csv` for CSV, `format=xlsx` for Excel: the whole filtered ' +
          'export, streamed. JSON answers the first `limit` lines with `has_more`.',
        produces: EXPORT_MEDIA_TYPES,
        querystring: Query,
        response: {
          200: Type.Object(
            { items: Type.Array(InvoiceLine), has_more: Type.Boolean() },
            { title: 'InvoiceLinesPage' },
          ),
        },
      },
    },
    async (req, reply) => {
      const query = req.query as InvoiceQuery;
      if (query.from && query.to && query.to < query.from)
        throw invalidField('to', `must not be before from (${query.from})`);
      const format = exportFormatOf(req, query.format);
      if (format) {
        return sendExport(reply, format, 'invoice-lines', INVOICE_LINE_COLUMNS, invoiceLines(app.db, query), {
          kinds: {
            invoice_date: 'date',
            paid_date: 'date',
            line_no: 'number',
            quantity: 'number',
            unit_price: 'money',
            discount_pct: 'number',
            line_total: 'money',
            tax_rate: 'number',
            order_subtotal: 'money',
            order_tax_amount: 'money',
            order_total: 'money',
          },
        });
      }
      const limit = query.limit ?? 100;
      const items: Record<string, unknown>[] = [];
      for await (const batch of invoiceLines(app.db, query)) {
        items.push(...batch);
        if (items.length > limit) break;
      }
      return { items: items.slice(0, limit), has_more: items.length > limit } as never;
    },
  );
}
