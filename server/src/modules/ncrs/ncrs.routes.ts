import { ncrs } from '../../db/schema/index.ts';
import { registerResource } from '../../lib/resource.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import ncrActionRoutes from './ncrs.actions.ts';
import ncrCloseRoute from './ncrs.close.ts';
import peopleRoutes from './ncrs.people.ts';
import { ncrExpander } from './ncrs.present.ts';
import { registerNcrReminders } from './ncrs.reminders.ts';
import { NCR_CSV_COLUMNS, NcrCreate, NcrPublic, NcrUpdate, ncrListSpec } from './ncrs.schemas.ts';
import { ncrMachine, ncrPatch, ncrValues } from './ncrs.service.ts';
import { QUALITY_OWNERS } from './people.ts';

/**
 * Non-conformance reports (NCR-000001): source and linked record, severity, containment, 5 whys
 * and root cause, CAPA actions (ncrs.actions.ts), effectiveness check, and a signed close
 * (ncrs.close.ts). Auditors and managers own them; staff read them; customers see none.
 */
export default async function ncrsRoutes(app: App) {
  const timeZone = app.config.TIMEZONE;
  const expand = ncrExpander(timeZone);
  registerResource(app, {
    name: 'ncr',
    path: 'ncrs',
    tag: 'ncrs',
    table: ncrs,
    schemas: { public: NcrPublic, create: NcrCreate, update: NcrUpdate },
    list: ncrListSpec(timeZone),
    csvColumns: NCR_CSV_COLUMNS,
    roles: { read: STAFF, write: QUALITY_OWNERS },
    numbering: { prefix: 'NCR', column: 'number' },
    toInsert: (tx, body, req) => ncrValues(tx, body, req),
    toPatch: (tx, patch, before) => ncrPatch(tx, patch, before),
    expand,
    machine: ncrMachine,
  });
  await peopleRoutes(app);
  await ncrCloseRoute(app, expand);
  await ncrActionRoutes(app, timeZone);
  registerNcrReminders();
}
