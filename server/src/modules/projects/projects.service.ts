import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Machine } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { conflict, invalidField } from '../../lib/errors.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import { notBefore, requireCustomer, requireManager } from '../commercial/references.ts';

/**
 * Project rules: planned → active (`activate`) → on_hold (`hold`) → active (`resume`) →
 * completed (`complete`) | cancelled (`cancel`, from any open state). Managers run them.
 */
export const projectMachine: Machine = {
  actions: [
    { name: 'activate', from: ['planned'], to: 'active', roles: MANAGERS, summary: 'Start the work' },
    { name: 'hold', from: ['active'], to: 'on_hold', roles: MANAGERS, summary: 'Pause the work' },
    { name: 'resume', from: ['on_hold'], to: 'active', roles: MANAGERS, summary: 'Continue after a hold' },
    { name: 'complete', from: ['active'], to: 'completed', roles: MANAGERS, summary: 'All work done' },
    {
      name: 'cancel',
      from: ['planned', 'active', 'on_hold'],
      to: 'cancelled',
      roles: MANAGERS,
      summary: 'Stop the project for good',
    },
  ],
};

const OPEN = ['planned', 'active', 'on_hold'];

export async function projectToInsert(tx: Db, body: Record<string, unknown>) {
  await requireCustomer(tx, body.customer_id);
  await requireManager(tx, body.manager_id);
  notBefore(body.start_date, body.due_date, 'due_date', 'start_date');
  return { ...body, status: 'planned' };
}

/** Open projects are editable; the customer never changes (TRFs, samples and orders hang off it). */
export async function projectToPatch(
  tx: Db,
  patch: Record<string, unknown>,
  before: Row,
  _req: FastifyRequest,
) {
  if (!OPEN.includes(String(before.status))) {
    throw conflict(
      `Cannot edit a project that is ${before.status}; open projects (${OPEN.join(', ')}) are editable`,
    );
  }
  const out = { ...patch };
  if (out.customer_id != null && out.customer_id !== before.customer_id) {
    throw invalidField('customer_id', 'cannot change after creation');
  }
  delete out.customer_id;
  if ('manager_id' in out && out.manager_id !== before.manager_id) await requireManager(tx, out.manager_id);
  const merged = { ...before, ...out };
  notBefore(merged.start_date, merged.due_date, 'due_date', 'start_date');
  return out;
}
