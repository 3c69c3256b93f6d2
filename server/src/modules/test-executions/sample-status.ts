import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { sampleCustody } from '../../db/schema/index.ts';
import { findVisible, updateEntity } from '../../lib/crud.ts';
import { sampleRef, userLabel } from '../test-plans/test-plans.repo.ts';

/**
 * Starting an execution takes a sample still in storage to the bench: the samples module's own
 * `start_testing` move (received → in_test), with its custody entry, done in the same
 * transaction. Finishing is left to the lab (`finish_testing` on the sample) because it moves
 * the sample back to storage, which only a person can say where and when.
 */
export async function sampleToBench(tx: Db, req: FastifyRequest, sampleId: string, engineerId: string) {
  const sample = await findVisible(tx, sampleRef, sampleId, undefined, true);
  if (sample.status !== 'received') return;
  await tx.insert(sampleCustody).values({
    sample_id: sampleId,
    action: 'to_testing',
    from_party: (sample.storage_location as string | null) ?? 'Sample store',
    to_party: await userLabel(tx, engineerId),
    notes: 'test execution started',
    recorded_by: req.user.id,
  });
  await updateEntity(tx, sampleRef, req.audit, sampleId, { status: 'in_test' }, { action: 'start_testing' });
}
