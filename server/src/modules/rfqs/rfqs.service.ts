import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type RfqStatus, rfqs } from '../../db/schema/index.ts';
import type { Machine } from '../../lib/actions.ts';
import type { AuditContext } from '../../lib/audit.ts';
import { findVisible, type Row, updateEntity } from '../../lib/crud.ts';
import { conflict, invalidField } from '../../lib/errors.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import { notBefore, requireActiveMethods, requireCustomer, today } from '../commercial/references.ts';
import { OptionalReasonBody, ReasonBody } from './rfqs.schemas.ts';

/**
 * RFQ rules. received → under_review (`review`) → quoted (set when one of its quotes is sent) →
 * won (set when a quote is accepted) | lost (`lose`, with a reason) | cancelled (`cancel`, from any
 * open state; a portal customer may cancel their own request).
 */
export const rfqRef = { table: rfqs, name: 'rfq' };
export const OPEN_RFQ_STATES: readonly RfqStatus[] = ['received', 'under_review', 'quoted'];

export const rfqMachine: Machine = {
  actions: [
    { name: 'review', from: ['received'], to: 'under_review', roles: MANAGERS, summary: 'Start reviewing' },
    {
      name: 'lose',
      from: OPEN_RFQ_STATES,
      to: 'lost',
      roles: MANAGERS,
      summary: 'The customer went elsewhere (reason required)',
      body: ReasonBody,
      apply: (_tx, _row, body) => ({ status_reason: body.reason }),
    },
    {
      name: 'cancel',
      from: OPEN_RFQ_STATES,
      to: 'cancelled',
      roles: [...MANAGERS, 'customer'],
      summary: 'Withdraw the request (optional reason)',
      body: OptionalReasonBody,
      apply: (_tx, _row, body) => ({ status_reason: body.reason ?? null }),
    },
  ],
};

const isCustomer = (req: FastifyRequest) => req.user.role === 'customer';

/** Methods must be active when they are added (one retired later does not block editing the notes). */
async function checkFields(tx: Db, values: Record<string, unknown>, keptMethodIds: readonly unknown[] = []) {
  if (Array.isArray(values.requested_method_ids)) {
    const added = (values.requested_method_ids as string[]).filter((id) => !keptMethodIds.includes(id));
    await requireActiveMethods(tx, added, 'requested_method_ids');
  }
  notBefore(values.received_date, values.due_date, 'due_date', 'received_date');
}

export async function rfqToInsert(tx: Db, body: Record<string, unknown>, req: FastifyRequest) {
  // A portal customer always files for its own company, whatever the body says.
  const customerId = isCustomer(req) ? req.user.customerId : body.customer_id;
  await requireCustomer(tx, customerId);
  const values = {
    ...body,
    customer_id: customerId,
    received_date: body.received_date ?? today(req),
    created_by: req.user.id,
  };
  await checkFields(tx, values);
  return values;
}

/** Staff edit an open request before it is quoted; a customer only while it is still `received`. */
export async function rfqToPatch(tx: Db, patch: Record<string, unknown>, before: Row, req: FastifyRequest) {
  const editableIn = isCustomer(req) ? ['received'] : ['received', 'under_review'];
  if (!editableIn.includes(String(before.status))) {
    throw conflict(
      `Cannot edit an rfq that is ${before.status}; it can be edited while ${editableIn.join(' or ')}`,
    );
  }
  const out = { ...patch };
  if (out.customer_id != null && out.customer_id !== before.customer_id && !isCustomer(req)) {
    throw invalidField('customer_id', 'cannot change after creation; file a new RFQ');
  }
  delete out.customer_id;
  // PUT without a received date keeps the one recorded (it is never empty).
  if (out.received_date === null) delete out.received_date;
  await checkFields(tx, { ...before, ...out }, before.requested_method_ids as string[]);
  return out;
}

/**
 * Moves the RFQ of a quote along with it (`quote` when the quote is sent, `win` when accepted),
 * inside the caller's transaction, with its own audit event. A closed RFQ refuses with 409.
 */
export async function advanceRfq(
  tx: Db,
  audit: AuditContext,
  rfqId: string,
  to: 'quoted' | 'won',
): Promise<void> {
  const rfq = await findVisible(tx, rfqRef, rfqId, undefined, true);
  const from = String(rfq.status);
  if (from === to) return;
  const allowedFrom = to === 'quoted' ? ['received', 'under_review'] : OPEN_RFQ_STATES;
  if (!allowedFrom.includes(from as RfqStatus)) {
    throw conflict(`RFQ ${rfq.number} is ${from}; its quote cannot be ${to === 'won' ? 'accepted' : 'sent'}`);
  }
  await updateEntity(tx, rfqRef, audit, rfqId, { status: to }, { action: to === 'won' ? 'win' : 'quote' });
}
