import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { calibrationRecords, projects, samples, testExecutions, testResults } from '../../db/schema/index.ts';

/**
 * What a failed calibration puts in doubt: every result measured with the instrument since it was
 * last known good, i.e. since the last earlier calibration that left it in a good state (as-left
 * pass or adjusted), up to this calibration, both days inclusive (a result measured on the day of
 * either calibration cannot be placed before or after it, so it counts as suspect). With no good
 * calibration before, every result ever measured with it counts. Results are dated in the lab's
 * time zone; the executions' equipment_ids say which instruments a result was measured with.
 */
export async function lastGoodCalibrationDate(
  tx: Db,
  equipmentId: string,
  current: { id: string; performed_on: string; created_at: Date },
): Promise<string | null> {
  const [good] = await tx
    .select({ performed_on: calibrationRecords.performed_on })
    .from(calibrationRecords)
    .where(
      and(
        eq(calibrationRecords.equipment_id, equipmentId),
        ne(calibrationRecords.id, current.id),
        isNull(calibrationRecords.archived_at),
        inArray(calibrationRecords.as_left, ['pass', 'adjusted']),
        or(
          lt(calibrationRecords.performed_on, current.performed_on),
          and(
            eq(calibrationRecords.performed_on, current.performed_on),
            lt(calibrationRecords.created_at, current.created_at),
          ),
        ),
      ),
    )
    .orderBy(desc(calibrationRecords.performed_on), desc(calibrationRecords.created_at))
    .limit(1);
  return good?.performed_on ?? null;
}

/** Ids of the results measured with the instrument between two lab-calendar days, inclusive. */
export async function resultsMeasuredWith(
  tx: Db,
  equipmentId: string,
  since: string | null,
  until: string,
  timeZone: string,
): Promise<string[]> {
  const day = sql`(${testResults.created_at} at time zone ${timeZone})::date`;
  const rows = await tx
    .select({ id: testResults.id })
    .from(testResults)
    .innerJoin(testExecutions, eq(testExecutions.id, testResults.execution_id))
    .where(
      and(
        sql`${testExecutions.equipment_ids} @> array[${equipmentId}::uuid]`, // GIN-indexed, unlike = any()
        isNull(testResults.archived_at),
        since ? sql`${day} >= ${since}::date` : undefined,
        sql`${day} <= ${until}::date`,
      ),
    )
    .orderBy(asc(testResults.created_at), asc(testResults.id));
  return rows.map((r) => r.id);
}

/** The results by id, with what a reviewer needs to judge them (numbers, value, verdict). */
export async function impactedResults(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: testResults.id,
      execution_id: testResults.execution_id,
      project_id: testResults.project_id,
      project_number: projects.number,
      sample_id: testResults.sample_id,
      sample_number: samples.number,
      parameter: testResults.parameter,
      value_numeric: testResults.value_numeric,
      value_text: testResults.value_text,
      unit: testResults.unit,
      status: testResults.status,
      overall_verdict: testResults.overall_verdict,
      measured_at: testResults.created_at,
    })
    .from(testResults)
    .innerJoin(samples, eq(samples.id, testResults.sample_id))
    .innerJoin(projects, eq(projects.id, testResults.project_id))
    .where(inArray(testResults.id, [...ids]))
    .orderBy(asc(testResults.created_at), asc(testResults.id));
  return rows.map(({ value_numeric, value_text, ...r }) => ({ ...r, value: value_numeric ?? value_text }));
}

/** One line per result, for the NCR's description. */
export function describeResults(results: Awaited<ReturnType<typeof impactedResults>>): string {
  return results
    .map(
      (r) =>
        `- ${r.project_number} / ${r.sample_number}: ${r.parameter} = ${r.value ?? '—'}${r.unit ? ` ${r.unit}` : ''} (${r.status}${r.overall_verdict ? `, ${r.overall_verdict}` : ''}, measured ${r.measured_at.toISOString().slice(0, 10)})`,
    )
    .join('\n');
}
