import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditFindings, audits } from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';
import { registerResource } from '../../lib/resource.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { namesOf, QUALITY_OWNERS } from '../ncrs/people.ts';
import findingRoutes from './audits.findings.ts';
import { AUDIT_CSV_COLUMNS, AuditCreate, AuditPublic, AuditUpdate, auditListSpec } from './audits.schemas.ts';
import { auditMachine, auditPatch, auditValues } from './audits.service.ts';

/**
 * Audits (AUD-000001): internal or external, scope and clauses, planned and actual dates, the
 * auditors, and findings (audits.findings.ts) that can each raise an NCR. Auditors and managers
 * own them; staff read them; customers see none.
 */
async function expandAudits(db: Db, rows: Row[]): Promise<Row[]> {
  const counts = await db
    .select({
      audit_id: auditFindings.audit_id,
      total: sql<number>`count(*)::int`,
      major: sql<number>`count(*) filter (where ${auditFindings.kind} = 'major')::int`,
      minor: sql<number>`count(*) filter (where ${auditFindings.kind} = 'minor')::int`,
      observation: sql<number>`count(*) filter (where ${auditFindings.kind} = 'observation')::int`,
    })
    .from(auditFindings)
    .where(
      sql`${inArray(
        auditFindings.audit_id,
        rows.map((r) => r.id),
      )} and ${auditFindings.archived_at} is null`,
    )
    .groupBy(auditFindings.audit_id);
  const byAudit = new Map(counts.map((c) => [c.audit_id, c]));
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.lead_auditor_id as string | null, ...((r.auditor_ids as string[]) ?? [])]),
  );
  return rows.map((row) => {
    const c = byAudit.get(row.id);
    return {
      ...row,
      lead_auditor_name: row.lead_auditor_id ? (names.get(row.lead_auditor_id as string) ?? null) : null,
      auditor_names: ((row.auditor_ids as string[]) ?? []).map((id) => names.get(id) ?? id),
      finding_count: Number(c?.total ?? 0),
      major_count: Number(c?.major ?? 0),
      minor_count: Number(c?.minor ?? 0),
      observation_count: Number(c?.observation ?? 0),
    };
  });
}

export default async function auditsRoutes(app: App) {
  registerResource(app, {
    name: 'audit',
    path: 'audits',
    tag: 'audits',
    table: audits,
    schemas: { public: AuditPublic, create: AuditCreate, update: AuditUpdate },
    list: auditListSpec,
    csvColumns: AUDIT_CSV_COLUMNS,
    roles: { read: STAFF, write: QUALITY_OWNERS },
    numbering: { prefix: 'AUD', column: 'number' },
    toInsert: (tx, body) => auditValues(tx, body),
    toPatch: (tx, patch, before) => auditPatch(tx, patch, before),
    expand: expandAudits,
    machine: auditMachine,
  });
  await findingRoutes(app);
}
