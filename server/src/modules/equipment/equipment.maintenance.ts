import { and, desc, eq, isNull } from 'drizzle-orm';
import { Type } from 'typebox';
import { maintenanceRecords } from '../../db/schema/index.ts';
import { etag } from '../../lib/concurrency.ts';
import { findVisible, insertEntity } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { conflict, unprocessable } from '../../lib/errors.ts';
import { IdempotencyHeaders, IdParams } from '../../lib/schemas.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { MaintenanceCreate, MaintenancePublic } from './equipment.schemas.ts';
import { EQUIPMENT_REF } from './equipment.service.ts';

/** The maintenance log of an instrument (`/equipment/{id}/maintenance`): append-only entries. */
const MAINTENANCE_REF = { table: maintenanceRecords, name: 'maintenance_record' } as const;
const MaintenanceList = Type.Object({ items: Type.Array(MaintenancePublic) }, { title: 'MaintenanceLog' });

export default async function maintenanceRoutes(app: App) {
  const base = '/api/v1/equipment/:id/maintenance';

  app.get(
    base,
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'equipment-maintenance-list',
        tags: ['equipment'],
        summary: 'Maintenance log, newest first',
        params: IdParams,
        response: { 200: MaintenanceList },
      },
    },
    async (req) => {
      await findVisible(app.db, EQUIPMENT_REF, req.params.id);
      const items = await app.db
        .select()
        .from(maintenanceRecords)
        .where(
          and(eq(maintenanceRecords.equipment_id, req.params.id), isNull(maintenanceRecords.archived_at)),
        )
        .orderBy(desc(maintenanceRecords.performed_on), desc(maintenanceRecords.created_at));
      return { items: items as never };
    },
  );

  app.post(
    base,
    {
      config: { roles: ['admin', 'manager', 'engineer'], idempotent: true },
      schema: {
        operationId: 'equipment-maintenance-create',
        tags: ['equipment'],
        summary: 'Log maintenance (preventive, repair, verification, cleaning…)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: MaintenanceCreate,
        response: { 201: MaintenancePublic },
      },
    },
    async (req, reply) => {
      if (req.body.performed_on > today(req)) {
        throw unprocessable([{ field: 'performed_on', message: 'cannot be in the future' }]);
      }
      const row = await app.db.transaction(async (tx) => {
        const item = await findVisible(tx, EQUIPMENT_REF, req.params.id, undefined, true);
        if (item.archived_at) throw conflict(`Equipment ${item.asset_number} is archived; restore it first`);
        return insertEntity(tx, MAINTENANCE_REF, req.audit, {
          ...req.body,
          equipment_id: item.id,
          recorded_by: req.user.id,
        });
      });
      reply.header('etag', etag(row.version));
      reply.header('location', `/api/v1/equipment/${row.equipment_id}/maintenance/${row.id}`);
      return reply.code(201).send(row as never);
    },
  );
}
