import { rfqs } from '../../db/schema/index.ts';
import { registerResource } from '../../lib/resource.ts';
import { ownCustomer } from '../../lib/scoping.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { expandLinks } from '../commercial/expand.ts';
import { RFQ_CSV_COLUMNS, RfqCreate, RfqPublic, RfqUpdate, rfqListSpec } from './rfqs.schemas.ts';
import { rfqMachine, rfqToInsert, rfqToPatch } from './rfqs.service.ts';

/**
 * /rfqs: requests for quotation. Staff read them, managers handle them, and a portal customer
 * files, reads, edits (while received) and cancels only its own; another customer's RFQ is a 404.
 */
export default async function rfqsRoutes(app: App) {
  registerResource(app, {
    name: 'rfq',
    path: 'rfqs',
    tag: 'rfqs',
    table: rfqs,
    schemas: { public: RfqPublic, create: RfqCreate, update: RfqUpdate },
    list: rfqListSpec,
    csvColumns: RFQ_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: [...MANAGERS, 'customer'], archive: MANAGERS },
    scope: ownCustomer(rfqs.customer_id),
    numbering: { prefix: 'RFQ', column: 'number' },
    toInsert: rfqToInsert,
    toPatch: rfqToPatch,
    machine: rfqMachine,
    expand: expandLinks({ customer: true, methods: true }),
  });
}
