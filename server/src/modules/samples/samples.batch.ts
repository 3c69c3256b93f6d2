import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { samples } from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import { type AuditContext, diff, recordAudit, recordAudits } from '../../lib/audit.ts';
import { findVisible, type Row } from '../../lib/crud.ts';
import { conflict, invalidField, unprocessable } from '../../lib/errors.ts';
import { nextNumbers } from '../../lib/numbering.ts';
import { IdempotencyHeaders, IdParams } from '../../lib/schemas.ts';
import type { App } from '../../types.ts';
import { projectForIntake, today } from '../trfs/intake-refs.ts';
import { appendCustody, type CustodyValues, SAMPLE_REF } from './samples.custody.ts';
import { LAB, sampleMachine } from './samples.machine.ts';
import { loadSampleRefs, sampleErrors, withSampleDefaults } from './samples.rules.ts';
import { SampleBulkCreate, SamplePublic, SampleSplit } from './samples.schemas.ts';
import { expandSamples, FINAL_SAMPLE_STATES, receiptEntries } from './samples.service.ts';

/**
 * Many samples in one transaction: bulk registration (up to 500, all or nothing, numbered in the
 * order sent) and splitting a sample into partitions. Numbers come as one consecutive block.
 */
const SampleRow = Type.Object({ ...SamplePublic.properties, allowed_actions: Type.Array(Type.String()) });

const CREATE_IGNORED = ['updated_at', 'version', 'created_at', 'id', 'archived_at'];

/** Inserts rows (numbers already set), their custody entries, then one audit event each. */
async function insertSamples(
  tx: Db,
  audit: AuditContext,
  values: Record<string, unknown>[],
  custodyFor: (rows: Row[]) => Promise<CustodyValues[]>,
): Promise<Row[]> {
  const rows = (await tx
    .insert(samples)
    .values(values as never)
    .returning()) as Row[];
  rows.sort((a, b) => String(a.number).localeCompare(String(b.number)));
  await appendCustody(tx, await custodyFor(rows));
  await recordAudits(
    tx,
    audit,
    rows.map((row) => ({
      action: 'create',
      entityType: 'sample',
      entityId: row.id,
      changes: diff(null, row, CREATE_IGNORED),
    })),
  );
  return rows;
}

export default async function sampleBatchRoutes(app: App) {
  const present = async (req: FastifyRequest, rows: Row[]) =>
    (await expandSamples(app.db, rows)).map((row) => ({
      ...row,
      allowed_actions: allowedActions(sampleMachine, row, req.user),
    }));

  app.post(
    '/api/v1/samples/bulk',
    {
      config: { roles: LAB, idempotent: true },
      schema: {
        operationId: 'samples-bulk-create',
        tags: ['samples'],
        summary: 'Register up to 500 samples of one project at once (all or nothing)',
        description:
          'Every problem is reported at once as `errors[].field = items[i].<field>`; nothing is registered unless all are valid. Numbers are assigned in the order of `items`, without gaps.',
        headers: IdempotencyHeaders,
        body: SampleBulkCreate,
        response: { 201: Type.Object({ items: Type.Array(SampleRow) }, { title: 'SampleBulkResult' }) },
      },
    },
    async (req, reply) => {
      const rows = await app.db.transaction(async (tx) => {
        const project = await projectForIntake(tx, req.body.project_id, req.user);
        const todayDate = today(req);
        const inputs = req.body.items.map((item) => withSampleDefaults(item, todayDate, req.user.id));
        const refs = await loadSampleRefs(tx, inputs);
        const errors = inputs.flatMap((input, i) =>
          sampleErrors(input, project.id, refs, todayDate, `items[${i}].`),
        );
        if (errors.length) {
          const bad = new Set(errors.map((e) => e.field.split('.')[0])).size;
          throw unprocessable(
            errors,
            `${bad} of ${inputs.length} samples have problems; nothing was registered. ${errors
              .slice(0, 5)
              .map((e) => `${e.field}: ${e.message}`)
              .join('; ')}`,
          );
        }
        const numbers = await nextNumbers(tx, 'SMP', inputs.length);
        const values = inputs.map((input, i) => ({
          ...(input as unknown as Record<string, unknown>),
          number: numbers[i],
          project_id: project.id,
          customer_id: project.customer_id,
          status: 'received',
        }));
        return insertSamples(tx, req.audit, values, (inserted) => receiptEntries(tx, inserted, req.user.id));
      });
      return reply.code(201).send({ items: (await present(req, rows)) as never });
    },
  );

  app.post(
    '/api/v1/samples/:id/split',
    {
      config: { roles: LAB, idempotent: true },
      schema: {
        operationId: 'samples-split',
        tags: ['samples'],
        summary: 'Divide a sample into partitions (sub-samples with their own numbers)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: SampleSplit,
        response: {
          201: Type.Object(
            { parent: SampleRow, items: Type.Array(SampleRow) },
            { title: 'SampleSplitResult' },
          ),
        },
      },
    },
    async (req, reply) => {
      const { count, descriptions } = req.body;
      if (descriptions && descriptions.length !== count) {
        throw invalidField('descriptions', `give one description per partition (${count}), or none`);
      }
      const result = await app.db.transaction(async (tx) => {
        const parent = await findVisible(tx, SAMPLE_REF, req.params.id, undefined, true);
        if (parent.archived_at) throw conflict(`Sample ${parent.number} is archived; restore it first`);
        if (FINAL_SAMPLE_STATES.includes(String(parent.status))) {
          throw conflict(`Cannot split a sample that is ${parent.status}`);
        }
        const numbers = await nextNumbers(tx, 'SMP', count);
        const values = numbers.map((number, i) => ({
          number,
          project_id: parent.project_id,
          customer_id: parent.customer_id,
          trf_id: parent.trf_id,
          trf_item_no: parent.trf_item_no,
          parent_id: parent.id,
          description: descriptions?.[i] ?? `${parent.description} (part ${i + 1} of ${count})`,
          received_date: parent.received_date,
          received_by: parent.received_by,
          condition: parent.condition,
          condition_notes: parent.condition_notes,
          storage_location: parent.storage_location,
          retention_until: parent.retention_until,
          status: 'received',
        }));
        const location = (parent.storage_location as string | null) ?? null;
        const children = await insertSamples(tx, req.audit, values, async (rows) => [
          {
            sample_id: parent.id,
            action: 'split',
            from_party: null,
            to_party: null,
            location,
            notes: `Divided into ${rows.map((r) => r.number).join(', ')}`,
            recorded_by: req.user.id,
          },
          ...rows.map((r) => ({
            sample_id: r.id,
            action: 'split_from',
            from_party: String(parent.number),
            to_party: null,
            location,
            notes: `Partition of ${parent.number}`,
            recorded_by: req.user.id,
          })),
        ]);
        await recordAudit(tx, req.audit, {
          action: 'split',
          entityType: 'sample',
          entityId: parent.id,
          changes: { partitions: [null, children.map((c) => c.number)] },
        });
        return { parent, children };
      });
      const [parent] = await present(req, [result.parent]);
      return reply
        .code(201)
        .send({ parent: parent as never, items: (await present(req, result.children)) as never });
    },
  );
}
