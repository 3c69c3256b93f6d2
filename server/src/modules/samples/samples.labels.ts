import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { projects, samples } from '../../db/schema/index.ts';
import { HttpError } from '../../lib/errors.ts';
import { IdParams } from '../../lib/schemas.ts';
import { ownCustomer } from '../../lib/scoping.ts';
import { renderPdf } from '../../pdf/pool.ts';
import type { SampleLabel } from '../../pdf/templates/sample-labels.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App, CurrentUser } from '../../types.ts';
import { PdfResponse, SampleLabelsRequest } from './samples.schemas.ts';

/**
 * Printable labels (100 × 50 mm, one per page): the number, its QR code, the project number and
 * the received date. One sample, or a batch picked from the list, printed in the order asked.
 */
const READERS = [...STAFF, 'customer'] as const;
const scope = ownCustomer(samples.customer_id);

/** The labels of these samples, in the order given; an id the caller cannot see is a 404. */
async function labelsFor(db: Db, ids: string[], user: CurrentUser, batch = true): Promise<SampleLabel[]> {
  const rows = await db
    .select({
      id: samples.id,
      number: samples.number,
      description: samples.description,
      received_date: samples.received_date,
      project: projects.number,
    })
    .from(samples)
    .innerJoin(projects, eq(projects.id, samples.project_id))
    .where(and(inArray(samples.id, [...new Set(ids)]), scope(user)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.findIndex((id) => !byId.has(id));
  if (missing >= 0) {
    throw new HttpError(404, 'Not Found', `Sample ${ids[missing]} not found`, {
      errors: batch ? [{ field: `sample_ids[${missing}]`, message: 'no such sample' }] : undefined,
    });
  }
  return ids.map((id) => {
    const { number, project, description, received_date } = byId.get(id)!;
    return { number, project, description, received_date };
  });
}

async function sendPdf(reply: FastifyReply, labels: SampleLabel[], filename: string) {
  const pdf = await renderPdf('sample-labels', { labels });
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}

export default async function sampleLabelRoutes(app: App) {
  app.get(
    '/api/v1/samples/:id/label',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'samples-label',
        tags: ['samples'],
        summary: 'The label of one sample (PDF)',
        params: IdParams,
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) => {
      const labels = await labelsFor(app.db, [req.params.id], req.user, false);
      return sendPdf(reply, labels, `${labels[0].number}-label.pdf`);
    },
  );

  app.post(
    '/api/v1/samples/labels',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'samples-labels',
        tags: ['samples'],
        summary: 'Labels of many samples, one page each, in the order given (PDF)',
        body: SampleLabelsRequest,
        response: { 200: PdfResponse },
      },
    },
    async (req, reply) =>
      sendPdf(reply, await labelsFor(app.db, req.body.sample_ids, req.user), 'sample-labels.pdf'),
  );
}
