import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { performAction } from '../../lib/actions.ts';
import { findVisible } from '../../lib/crud.ts';
import { sampleMachine } from '../samples/samples.machine.ts';
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
  await performAction(
    tx,
    sampleMachine,
    sampleRef,
    'start_testing',
    sampleId,
    {
      to_party: await userLabel(tx, engineerId),
      notes: 'test execution started',
    },
    req,
  );
}
