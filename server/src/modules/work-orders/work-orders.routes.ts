import { workOrders } from '../../db/schema/index.ts';
import { registerResource } from '../../lib/resource.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { expandWorkOrders } from './work-orders.progress.ts';
import {
  WORK_ORDER_CSV_COLUMNS,
  WorkOrderCreate,
  WorkOrderPublic,
  WorkOrderUpdate,
  workOrderListSpec,
} from './work-orders.schemas.ts';
import { workOrderMachine, workOrderToInsert, workOrderToPatch } from './work-orders.service.ts';

/**
 * /work-orders (WO-000001): the lab-floor job for a project or a sales order. Staff read;
 * managers write; engineers move the ones assigned to them (actions and set-progress).
 */
export default async function workOrdersRoutes(app: App) {
  registerResource(app, {
    name: 'work_order',
    path: 'work-orders',
    tag: 'work-orders',
    table: workOrders,
    schemas: { public: WorkOrderPublic, create: WorkOrderCreate, update: WorkOrderUpdate },
    list: workOrderListSpec,
    csvColumns: WORK_ORDER_CSV_COLUMNS,
    roles: { read: STAFF, write: MANAGERS },
    numbering: { prefix: 'WO', column: 'number' },
    toInsert: (tx, body) => workOrderToInsert(tx, body),
    toPatch: workOrderToPatch,
    expand: expandWorkOrders,
    machine: workOrderMachine,
  });
}
