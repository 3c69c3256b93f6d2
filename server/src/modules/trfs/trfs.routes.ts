import { trfs } from '../../db/schema/index.ts';
import type { Machine } from '../../lib/actions.ts';
import { unprocessable } from '../../lib/errors.ts';
import { registerResource } from '../../lib/resource.ts';
import { ownCustomer } from '../../lib/scoping.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { today } from './intake-refs.ts';
import {
  TRF_CSV_COLUMNS,
  TrfAcceptBody,
  TrfCreate,
  TrfPublic,
  TrfReturnBody,
  TrfUpdate,
  trfListSpec,
} from './trfs.schemas.ts';
import { expandTrfs, submitErrors, trfToInsert, trfToPatch } from './trfs.service.ts';

/** Lab staff who review requests (admin is always allowed). */
const REVIEWERS = ['manager', 'engineer'] as const;

/**
 * submitted → accepted (`accept`) | returned (`return`, with the reason the customer reads);
 * a returned TRF is corrected and `resubmit`ted by its customer (or by staff on its behalf).
 */
export const trfMachine: Machine = {
  actions: [
    {
      name: 'accept',
      from: ['submitted'],
      to: 'accepted',
      roles: REVIEWERS,
      summary: 'Accept the request for testing',
      body: TrfAcceptBody,
      apply: (_tx, _row, body, req) => ({ reviewed_by: req.user.id, review_note: body.note ?? null }),
    },
    {
      name: 'return',
      from: ['submitted'],
      to: 'returned',
      roles: REVIEWERS,
      summary: 'Return the request to the customer with the reason',
      body: TrfReturnBody,
      apply: (_tx, _row, body, req) => ({
        reviewed_by: req.user.id,
        review_note: String(body.reason).trim(),
      }),
    },
    {
      name: 'resubmit',
      from: ['returned'],
      to: 'submitted',
      roles: [...REVIEWERS, 'customer'],
      summary: 'Submit a corrected request again',
      apply: (_tx, row, _body, req) => {
        const errors = submitErrors(row, today(req));
        if (errors.length) throw unprocessable(errors);
        return { submitted_by: req.user.id };
      },
    },
  ],
};

/**
 * TRFs: portal customers submit their own, staff may file them on a customer's behalf; a customer
 * sees only its own, and another customer's TRF answers 404 as if it did not exist.
 */
export default async function trfsRoutes(app: App) {
  registerResource(app, {
    name: 'trf',
    path: 'trfs',
    tag: 'trfs',
    table: trfs,
    schemas: { public: TrfPublic, create: TrfCreate, update: TrfUpdate },
    list: trfListSpec,
    csvColumns: TRF_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: ['manager', 'engineer', 'customer'], archive: MANAGERS },
    scope: ownCustomer(trfs.customer_id),
    numbering: { prefix: 'TRF', column: 'number' },
    toInsert: trfToInsert,
    toPatch: trfToPatch,
    expand: expandTrfs,
    machine: trfMachine,
  });
}
