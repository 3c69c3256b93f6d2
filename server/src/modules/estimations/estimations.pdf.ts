import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { customers, type PricedLine } from '../../db/schema/index.ts';
import { IdParams } from '../../lib/schemas.ts';
import { renderPdf } from '../../pdf/pool.ts';
import type { QuoteDocument } from '../../pdf/templates/quote.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { findEstimation } from './estimations.service.ts';

/** The lab's name on its documents (a settings screen may make it configurable later). */
export const LAB_NAME = 'Labline Testing Laboratory';

/** Only letters, digits, dot, dash and underscore: the name is also safe inside the header's quotes. */
const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

/** `GET /estimations/{id}/pdf`: the quote as an A4 PDF, laid out in a worker thread. */
export function registerQuotePdfRoute(app: App) {
  app.get(
    '/api/v1/estimations/:id/pdf',
    {
      config: { roles: [...STAFF, 'customer'] },
      schema: {
        operationId: 'estimations-pdf',
        tags: ['estimations'],
        summary: 'The quote as PDF (lab, customer, number and revision, lines, totals, validity)',
        params: IdParams,
        response: {
          200: {
            description: 'application/pdf',
            content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const quote = await findEstimation(app.db, req.params.id, req.user);
      const [customer] = await app.db
        .select()
        .from(customers)
        .where(eq(customers.id, String(quote.customer_id)));
      const issued = (quote.sent_at ?? quote.created_at) as Date;
      const document: QuoteDocument = {
        lab: { name: LAB_NAME },
        number: String(quote.number),
        revision: Number(quote.revision),
        title: (quote.title as string | null) ?? null,
        issued: issued.toISOString().slice(0, 10),
        valid_until: (quote.valid_until as string | null) ?? null,
        status: String(quote.status),
        currency: String(quote.currency),
        customer: {
          name: customer?.company_name ?? '',
          address: customer?.address,
          contact: customer?.contact_person,
          email: customer?.email,
        },
        lines: (quote.lines as PricedLine[]).map((l) => ({
          description: l.description,
          quantity: l.quantity,
          unit_price: l.unit_price,
          discount_pct: l.discount_pct,
          line_total: l.line_total,
        })),
        subtotal: String(quote.subtotal),
        tax_rate: String(quote.tax_rate).replace(/\.?0+$/, ''),
        tax_amount: String(quote.tax_amount),
        total: String(quote.total),
        notes: (quote.notes as string | null) ?? null,
      };
      const pdf = await renderPdf('quote', document);
      const file = safeFileName(`${quote.number}-rev${quote.revision}.pdf`);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${file}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf as never);
    },
  );
}
