import { and, eq, sql } from 'drizzle-orm';
import type { AuditContext } from '../../../lib/audit.ts';
import { recordAudit } from '../../../lib/audit.ts';
import type { HashPool } from '../../../lib/passwords.ts';
import type { Db } from '../../client.ts';
import { auditEvents } from '../../schema/index.ts';

/**
 * Demo data comes in steps, one file per resource (demo/customers.ts, demo/users.ts, …), listed
 * in demo/index.ts. Each step runs in its own transaction and leaves a marker in the audit trail
 * (`seed-demo` on entity `demo`/<step name>), so running seed-demo again skips what is loaded and
 * loads only steps added since: a lab record step added by a later release fills in on its own.
 */
export interface DemoContext {
  tx: Db;
  passwords: HashPool;
  /** Demo records are written by no user: the audit trail names the request as `seed-demo`. */
  audit: AuditContext;
}

export interface DemoStep {
  /** Stable name, recorded as the marker: never rename a released step. */
  name: string;
  /** Loads the step's records and returns how many it created. */
  load(ctx: DemoContext): Promise<number>;
}

export interface StepResult {
  name: string;
  created: number;
  /** False when the marker showed the step was already loaded. */
  loaded: boolean;
}

const DEMO_SEED_LOCK = 7262003;
export const DEMO_AUDIT: AuditContext = { actorId: null, requestId: 'seed-demo', ip: null };

export async function runDemoStep(db: Db, passwords: HashPool, step: DemoStep): Promise<StepResult> {
  return db.transaction(async (tx) => {
    // Two instances booting with SEED_DEMO=true on one PostgreSQL: the second waits, then skips.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    const [marker] = await tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entity_type, 'demo'),
          eq(auditEvents.entity_id, step.name),
          eq(auditEvents.action, 'seed-demo'),
        ),
      )
      .limit(1);
    if (marker) return { name: step.name, created: 0, loaded: false };
    const created = await step.load({ tx, passwords, audit: DEMO_AUDIT });
    await recordAudit(tx, DEMO_AUDIT, {
      action: 'seed-demo',
      entityType: 'demo',
      entityId: step.name,
      changes: { records: [null, created] },
    });
    return { name: step.name, created, loaded: true };
  });
}
