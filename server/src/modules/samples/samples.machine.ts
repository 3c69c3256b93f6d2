import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import type { Machine } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { conflict, invalidField } from '../../lib/errors.ts';
import { DateOnly, Nullable, Text } from '../../lib/schemas.ts';
import { projectLabels, today } from '../trfs/intake-refs.ts';
import { appendCustody, type CustodyValues, userNames } from './samples.custody.ts';

/**
 * received → in_test (`start_testing`) → tested (`finish_testing`) → retained (`retain`) →
 * disposed (`dispose`) | returned (`return_to_customer`). Each of these moves the sample
 * physically, so each appends its custody entry in the same transaction as the status change.
 */
export const LAB = ['manager', 'engineer'] as const;

const optional = {
  to_party: Type.Optional(Nullable(Text(200))),
  notes: Type.Optional(Nullable(Text(2000))),
};
const body = (title: string, props: Record<string, ReturnType<typeof Type.Optional>>) =>
  Type.Object({ ...props }, { additionalProperties: false, title });

const StartTesting = body('SampleStartTesting', {
  ...optional,
  location: Type.Optional(Nullable(Text(200))),
});
const FinishTesting = body('SampleFinishTesting', {
  storage_location: Type.Optional(Nullable(Text(200))),
  notes: optional.notes,
});
const Retain = body('SampleRetain', {
  storage_location: Type.Optional(Nullable(Text(200))),
  retention_until: Type.Optional(Nullable(DateOnly)),
  notes: optional.notes,
});
const Dispose = body('SampleDispose', { notes: optional.notes });
const ReturnToCustomer = body('SampleReturnToCustomer', optional);

async function callerName(tx: Db, req: FastifyRequest) {
  return (await userNames(tx, [req.user.id])).get(req.user.id) ?? null;
}

type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Appends the entry for a move and returns the fields the move changes on the sample. */
async function move(
  tx: Db,
  row: Row,
  req: FastifyRequest,
  entry: Omit<CustodyValues, 'sample_id' | 'recorded_by'>,
  changes: Record<string, unknown> = {},
) {
  await appendCustody(tx, [{ ...entry, sample_id: row.id, recorded_by: req.user.id }]);
  return changes;
}

export const sampleMachine: Machine = {
  actions: [
    {
      name: 'start_testing',
      from: ['received'],
      to: 'in_test',
      roles: LAB,
      summary: 'Take the sample from storage to the bench',
      body: StartTesting,
      apply: async (tx, row, b: Body, req) =>
        move(tx, row, req, {
          action: 'to_testing',
          from_party: (row.storage_location as string | null) ?? 'Sample store',
          to_party: text(b.to_party) ?? (await callerName(tx, req)),
          location: text(b.location),
          notes: text(b.notes),
        }),
    },
    {
      name: 'finish_testing',
      from: ['in_test'],
      to: 'tested',
      roles: LAB,
      summary: 'Testing done: the sample goes back to storage',
      body: FinishTesting,
      apply: async (tx, row, b: Body, req) => {
        const location = text(b.storage_location) ?? (row.storage_location as string | null);
        return move(
          tx,
          row,
          req,
          {
            action: 'from_testing',
            from_party: await callerName(tx, req),
            to_party: 'Sample store',
            location,
            notes: text(b.notes),
          },
          { storage_location: location },
        );
      },
    },
    {
      name: 'retain',
      from: ['tested'],
      to: 'retained',
      roles: LAB,
      summary: 'Keep the tested sample until its retention date',
      body: Retain,
      apply: async (tx, row, b: Body, req) => {
        const until = text(b.retention_until) ?? (row.retention_until as string | null);
        if (!until) throw invalidField('retention_until', 'say until when the sample is kept');
        if (until < String(row.received_date)) {
          throw invalidField('retention_until', `cannot be before the received date (${row.received_date})`);
        }
        const location = text(b.storage_location) ?? (row.storage_location as string | null);
        return move(
          tx,
          row,
          req,
          {
            action: 'retained',
            from_party: null,
            to_party: 'Retention store',
            location,
            notes: text(b.notes),
          },
          { storage_location: location, retention_until: until },
        );
      },
    },
    {
      name: 'dispose',
      from: ['retained'],
      to: 'disposed',
      roles: LAB,
      summary: 'Dispose of the sample once its retention date has passed',
      body: Dispose,
      apply: async (tx, row, b: Body, req) => {
        const until = row.retention_until as string | null;
        if (until && until > today(req)) {
          throw conflict(`Sample ${row.number} is retained until ${until}; dispose of it after that date`);
        }
        return move(tx, row, req, {
          action: 'disposed',
          from_party: (row.storage_location as string | null) ?? null,
          to_party: null,
          location: null,
          notes: text(b.notes),
        });
      },
    },
    {
      name: 'return_to_customer',
      from: ['retained'],
      to: 'returned',
      roles: LAB,
      summary: 'Send the sample back to the customer',
      body: ReturnToCustomer,
      apply: async (tx, row, b: Body, req) => {
        const customer = (await projectLabels(tx, [String(row.project_id)])).get(String(row.project_id));
        return move(tx, row, req, {
          action: 'returned_to_customer',
          from_party: (row.storage_location as string | null) ?? null,
          to_party: text(b.to_party) ?? customer?.customer_name ?? null,
          location: null,
          notes: text(b.notes),
        });
      },
    },
  ],
};
