import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  auditFindings,
  calibrationRecords,
  customers,
  equipment,
  type NcrSource,
  projects,
  samples,
  testExecutions,
  testResults,
} from '../../db/schema/index.ts';
import { unprocessable } from '../../lib/errors.ts';
import type { SOURCE_ENTITY_TYPES } from './ncrs.schemas.ts';

/**
 * The record an NCR comes from. Each source names the kinds of record it may link to; sources
 * found on a record (an audit finding, a failed result, equipment) must link one, while a
 * customer complaint or "other" may stand alone. The link is checked to exist when it is written.
 */
type EntityType = (typeof SOURCE_ENTITY_TYPES)[number];

const TABLES: Record<EntityType, { table: PgTable; id: PgColumn }> = {
  audit_finding: { table: auditFindings, id: auditFindings.id },
  test_result: { table: testResults, id: testResults.id },
  test_execution: { table: testExecutions, id: testExecutions.id },
  equipment: { table: equipment, id: equipment.id },
  calibration_record: { table: calibrationRecords, id: calibrationRecords.id },
  customer: { table: customers, id: customers.id },
  sample: { table: samples, id: samples.id },
  project: { table: projects, id: projects.id },
};

const LINKS: Record<NcrSource, { types: readonly EntityType[]; required: boolean }> = {
  audit_finding: { types: ['audit_finding'], required: true },
  failed_result: { types: ['test_result', 'test_execution'], required: true },
  equipment: { types: ['equipment', 'calibration_record'], required: true },
  customer_complaint: { types: ['customer', 'project', 'sample'], required: false },
  other: { types: Object.keys(TABLES) as EntityType[], required: false },
};

/** 422 naming the field unless the source's link is complete, of an allowed kind, and exists. */
export async function checkSourceLink(
  tx: Db,
  source: NcrSource,
  entityType: string | null | undefined,
  entityId: string | null | undefined,
): Promise<void> {
  const rule = LINKS[source];
  if (!entityType && !entityId) {
    if (rule.required) {
      throw unprocessable([
        {
          field: 'source_entity_id',
          message: `an NCR from ${source} must link its record (${rule.types.join(' or ')})`,
        },
      ]);
    }
    return;
  }
  if (!entityType || !entityId) {
    const field = entityType ? 'source_entity_id' : 'source_entity_type';
    throw unprocessable([
      { field, message: 'give both source_entity_type and source_entity_id, or neither' },
    ]);
  }
  if (!rule.types.includes(entityType as EntityType)) {
    throw unprocessable([
      {
        field: 'source_entity_type',
        message: `an NCR from ${source} links ${rule.types.join(' or ')}, not ${entityType}`,
      },
    ]);
  }
  const { table, id } = TABLES[entityType as EntityType];
  const [found] = await tx.select({ id }).from(table).where(eq(id, entityId)).limit(1);
  if (!found) {
    throw unprocessable([{ field: 'source_entity_id', message: `no ${entityType} ${entityId}` }]);
  }
}
