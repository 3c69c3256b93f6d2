import { and, eq, ne, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { estimations, type PricedLine } from '../../db/schema/index.ts';
import type { Machine } from '../../lib/actions.ts';
import { findVisible, type Row } from '../../lib/crud.ts';
import { conflict, invalidField } from '../../lib/errors.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import type { CurrentUser } from '../../types.ts';
import { expandLinks } from '../commercial/expand.ts';
import { priceDocument } from '../commercial/pricing.ts';
import { requireCustomer, today } from '../commercial/references.ts';
import { ReasonBody } from '../rfqs/rfqs.schemas.ts';
import { advanceRfq, OPEN_RFQ_STATES, rfqRef } from '../rfqs/rfqs.service.ts';
import { acceptQuote } from './estimations.accept.ts';

/**
 * Quote rules. draft → sent (`send`; its RFQ becomes quoted) → accepted (`accept`: project and
 * sales order made in the same transaction, the RFQ won) | rejected (`reject`, reason) | expired
 * (`expire`). `revise` (sent, rejected, expired) makes revision n+1 as a new draft; a revised sent
 * quote becomes `superseded`, so an outdated price can no longer be accepted.
 *
 * Expiry, decided: a quote is never expired behind anyone's back. Its status stays `sent` until
 * someone runs `expire`, but once `valid_until` has passed, `accept` is refused with 409 (naming
 * the date and what is allowed instead), so a lapsed price cannot be taken up by accident.
 */
export const estimationRef = { table: estimations, name: 'estimation' };
const DEFAULT_VALIDITY_DAYS = 30;

/** Customer name and RFQ number on every quote sent out. */
export const expandEstimations = expandLinks({ customer: true, rfq: true });

/** A portal customer sees its own quotes once they are sent; drafts stay in the lab. */
export const estimationScope = (user: CurrentUser) =>
  user.role === 'customer'
    ? and(eq(estimations.customer_id, user.customerId ?? sql`null`), ne(estimations.status, 'draft'))
    : undefined;

const addDays = (isoDate: string, days: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

function checkValidUntil(value: unknown, req: FastifyRequest) {
  if (typeof value === 'string' && value < today(req)) {
    throw invalidField('valid_until', `must not be in the past (today is ${today(req)})`);
  }
}

export async function estimationToInsert(tx: Db, body: Record<string, unknown>, req: FastifyRequest) {
  let customerId = body.customer_id as string | null | undefined;
  let title = body.title ?? null;
  if (body.rfq_id) {
    const [rfq] = await tx
      .select()
      .from(rfqRef.table)
      .where(eq(rfqRef.table.id, String(body.rfq_id)));
    if (!rfq) throw invalidField('rfq_id', `rfq ${body.rfq_id} does not exist`);
    if (!OPEN_RFQ_STATES.includes(rfq.status)) {
      throw conflict(`RFQ ${rfq.number} is ${rfq.status}; quotes can be made for open RFQs only`);
    }
    if (customerId && customerId !== rfq.customer_id) {
      throw invalidField('customer_id', 'differs from the RFQ’s customer; leave it out');
    }
    customerId = rfq.customer_id;
    title ??= rfq.title;
  }
  await requireCustomer(tx, customerId);
  checkValidUntil(body.valid_until, req);
  return {
    ...body,
    customer_id: customerId,
    title,
    ...(await priceDocument(tx, body.lines, body.tax_rate)),
    currency: body.currency ?? req.server.config.CURRENCY,
    valid_until: body.valid_until ?? addDays(today(req), DEFAULT_VALIDITY_DAYS),
    created_by: req.user.id,
  };
}

/** Only drafts change; lines and totals are priced again whenever the lines or the tax rate move. */
export async function estimationToPatch(
  tx: Db,
  patch: Record<string, unknown>,
  before: Row,
  req: FastifyRequest,
) {
  if (before.status !== 'draft') {
    throw conflict(
      `Cannot edit an estimation that is ${before.status}; only drafts are editable (revise it to change it)`,
    );
  }
  const out = { ...patch };
  for (const field of ['rfq_id', 'customer_id'] as const) {
    if (out[field] != null && out[field] !== before[field]) {
      throw invalidField(field, 'cannot change after creation; make a new quote');
    }
    delete out[field];
  }
  if (out.currency === null) out.currency = req.server.config.CURRENCY;
  if ('valid_until' in out) checkValidUntil(out.valid_until, req);
  if ('lines' in out || 'tax_rate' in out) {
    const beforeLines = before.lines as PricedLine[];
    const kept = beforeLines.map((l) => l.method_id).filter((id): id is string => !!id);
    Object.assign(
      out,
      await priceDocument(
        tx,
        'lines' in out ? out.lines : beforeLines,
        'tax_rate' in out ? out.tax_rate : before.tax_rate,
        kept,
      ),
    );
  }
  return out;
}

const decided = (req: FastifyRequest) => ({ decided_at: new Date(), decided_by: req.user.id });

export const estimationMachine: Machine = {
  actions: [
    {
      name: 'send',
      from: ['draft'],
      to: 'sent',
      roles: MANAGERS,
      summary: 'Send the draft to the customer; its RFQ becomes quoted',
      async apply(tx, row, _body, req) {
        if (!(row.lines as unknown[]).length) throw conflict('Cannot send a quote without lines');
        if (!row.valid_until || String(row.valid_until) < today(req)) {
          throw conflict(
            `Cannot send a quote whose validity (${row.valid_until ?? 'none'}) has passed; edit it`,
          );
        }
        if (row.rfq_id) await advanceRfq(tx, req.audit, String(row.rfq_id), 'quoted');
        return { sent_at: new Date() };
      },
    },
    {
      name: 'accept',
      from: ['sent'],
      to: 'accepted',
      roles: [...MANAGERS, 'customer'],
      summary: 'Accept: creates the project and the sales order, and the RFQ is won (one transaction)',
      async apply(tx, row, _body, req) {
        if (row.valid_until && String(row.valid_until) < today(req)) {
          throw conflict(
            `Cannot accept estimation ${row.number} rev ${row.revision}: it expired on ${row.valid_until}; allowed: expire, revise`,
          );
        }
        return { ...decided(req), ...(await acceptQuote(tx, row, req)) };
      },
    },
    {
      name: 'reject',
      from: ['sent'],
      to: 'rejected',
      roles: [...MANAGERS, 'customer'],
      summary: 'Decline the quote (reason required); the RFQ stays quoted for a revision',
      body: ReasonBody,
      apply: (_tx, _row, body, req) => ({ ...decided(req), decision_reason: body.reason }),
    },
    { name: 'expire', from: ['sent'], to: 'expired', roles: MANAGERS, summary: 'Mark as lapsed' },
    {
      name: 'revise',
      from: ['sent', 'rejected', 'expired'],
      roles: MANAGERS,
      summary: 'Make revision n+1 as a new draft (route in estimations.revisions.ts)',
      ownRoute: true,
    },
  ],
};

/** One quote the caller may see, for the extra routes. */
export const findEstimation = (tx: Db, id: string, user: CurrentUser, lock = false) =>
  findVisible(tx, estimationRef, id, estimationScope(user), lock);
