import { estimations } from '../../db/schema/index.ts';
import { registerResource } from '../../lib/resource.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { registerQuotePdfRoute } from './estimations.pdf.ts';
import { registerRevisionRoutes } from './estimations.revisions.ts';
import {
  ESTIMATION_CSV_COLUMNS,
  EstimationCreate,
  EstimationPublic,
  EstimationUpdate,
  estimationListSpec,
} from './estimations.schemas.ts';
import {
  estimationMachine,
  estimationScope,
  estimationToInsert,
  estimationToPatch,
  expandEstimations,
} from './estimations.service.ts';

/**
 * /estimations: quotes. Managers write and send them; staff read them; a portal customer reads its
 * own quotes once sent, downloads their PDF, and may accept or reject its own sent quote (accepting
 * makes the project and sales order exactly as a manager's acceptance does).
 */
export default async function estimationsRoutes(app: App) {
  registerResource(app, {
    name: 'estimation',
    path: 'estimations',
    tag: 'estimations',
    table: estimations,
    schemas: { public: EstimationPublic, create: EstimationCreate, update: EstimationUpdate },
    list: estimationListSpec,
    csvColumns: ESTIMATION_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: MANAGERS },
    scope: estimationScope,
    numbering: { prefix: 'EST', column: 'number' },
    toInsert: estimationToInsert,
    toPatch: estimationToPatch,
    machine: estimationMachine,
    expand: expandEstimations,
  });
  registerRevisionRoutes(app);
  registerQuotePdfRoute(app);
}
