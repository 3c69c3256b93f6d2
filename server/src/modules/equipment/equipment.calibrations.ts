import { and, desc, eq, inArray, isNull, max } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { calibrationRecords, documents, ncrs } from '../../db/schema/index.ts';
import { etag } from '../../lib/concurrency.ts';
import { findVisible, insertEntity, type Row, updateEntity } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { conflict, unprocessable } from '../../lib/errors.ts';
import { Id, IdempotencyHeaders, IdParams } from '../../lib/schemas.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { draftNcr } from '../ncrs/ncrs.service.ts';
import {
  describeResults,
  impactedResults,
  lastGoodCalibrationDate,
  resultsMeasuredWith,
} from './equipment.impact.ts';
import {
  CalibrationCreate,
  CalibrationCreated,
  CalibrationImpact,
  CalibrationPublic,
} from './equipment.schemas.ts';
import { addDays, EQUIPMENT_REF } from './equipment.service.ts';

/**
 * Calibration records of an instrument (`/equipment/{id}/calibrations`), append-only. Recording
 * one moves the instrument's due date (when it is the latest); as-left fail takes the instrument
 * out of service; as-found fail lists the results measured with it since its last good
 * calibration (`…/{cid}/impact`, and in the create answer) and drafts an NCR about them, all in
 * the one transaction.
 */
const CALIBRATION_REF = { table: calibrationRecords, name: 'calibration_record' } as const;
const CalibrationParams = Type.Object({ id: Id, calibrationId: Id });
const CalibrationList = Type.Object({ items: Type.Array(CalibrationPublic) }, { title: 'CalibrationList' });

async function ncrNumbers(db: Db, rows: Row[]): Promise<Row[]> {
  const ids = rows.map((r) => r.ncr_id as string | null).filter((id): id is string => !!id);
  const numbers = ids.length
    ? new Map(
        (await db.select({ id: ncrs.id, number: ncrs.number }).from(ncrs).where(inArray(ncrs.id, ids))).map(
          (n) => [n.id, n.number],
        ),
      )
    : new Map<string, string>();
  return rows.map((r) => ({ ...r, ncr_number: r.ncr_id ? (numbers.get(r.ncr_id as string) ?? null) : null }));
}

/** The impact of a calibration as recorded with it (stable: later results do not join it). */
async function impactOf(db: Db, record: Row, since: string | null) {
  const [withNumber] = await ncrNumbers(db, [record]);
  return {
    calibration_id: record.id,
    since,
    until: String(record.performed_on),
    results: await impactedResults(db, (record.impacted_result_ids as string[]) ?? []),
    ncr_id: (record.ncr_id as string | null) ?? null,
    ncr_number: (withNumber.ncr_number as string | null) ?? null,
  };
}

/** Records a calibration and everything that follows from it, in the caller's transaction. */
async function recordCalibration(tx: Db, req: FastifyRequest, equipmentId: string) {
  const body = req.body as Record<string, unknown> & {
    performed_on: string;
    as_found: string;
    as_left: string;
  };
  const item = await findVisible(tx, EQUIPMENT_REF, equipmentId, undefined, true);
  if (item.archived_at) throw conflict(`Equipment ${item.asset_number} is archived; restore it first`);
  if (body.performed_on > today(req)) {
    throw unprocessable([{ field: 'performed_on', message: 'cannot be in the future' }]);
  }
  if (body.certificate_document_id) {
    // no foreign key (the documents module owns its table): checked here, so a typo is a 422
    const [doc] = await tx
      .select({ id: documents.id })
      .from(documents)
      .where(eq(documents.id, String(body.certificate_document_id)))
      .limit(1);
    if (!doc) throw unprocessable([{ field: 'certificate_document_id', message: 'no such document' }]);
  }
  const interval = item.calibration_interval_days as number | null;
  const nextDue =
    body.next_due_date !== undefined && body.next_due_date !== null
      ? String(body.next_due_date)
      : interval
        ? addDays(body.performed_on, interval)
        : null;
  if (nextDue && nextDue <= body.performed_on) {
    throw unprocessable([{ field: 'next_due_date', message: 'must be after performed_on' }]);
  }
  const [latest] = await tx
    .select({ on: max(calibrationRecords.performed_on) })
    .from(calibrationRecords)
    .where(and(eq(calibrationRecords.equipment_id, item.id), isNull(calibrationRecords.archived_at)));
  let record = await insertEntity(tx, CALIBRATION_REF, req.audit, {
    ...body,
    equipment_id: item.id,
    next_due_date: nextDue,
    recorded_by: req.user.id,
  });

  const equipmentPatch: Record<string, unknown> = {};
  // a back-dated record (entered late) does not move the due date of a newer calibration
  if (!latest?.on || body.performed_on >= latest.on) equipmentPatch.calibration_due_date = nextDue;
  if (body.as_left === 'fail' && item.status !== 'out_of_service') {
    equipmentPatch.status = 'out_of_service';
    equipmentPatch.status_reason = `Calibration of ${body.performed_on} failed as left`;
  }
  if (Object.keys(equipmentPatch).length) {
    await updateEntity(tx, EQUIPMENT_REF, req.audit, item.id, equipmentPatch, { action: 'calibrate' });
  }

  let since: string | null = null;
  if (body.as_found === 'fail') {
    since = await lastGoodCalibrationDate(tx, item.id, record as never);
    const ids = await resultsMeasuredWith(tx, item.id, since, body.performed_on, req.server.config.TIMEZONE);
    const results = await impactedResults(tx, ids);
    const ncr = await draftNcr(tx, req, {
      source: 'equipment',
      source_entity_type: 'equipment',
      source_entity_id: item.id,
      title: `Failed calibration of ${item.asset_number} ${item.name}`.slice(0, 200),
      severity: results.length ? 'major' : 'minor',
      description: [
        `Calibration of ${item.asset_number} (${item.name}) on ${body.performed_on} by ${body.performed_by} found it out of tolerance (as found: fail; as left: ${body.as_left}).`,
        since
          ? `Last good calibration: ${since}. Results measured with it since then (${results.length}):`
          : `No earlier good calibration on record. Results ever measured with it (${results.length}):`,
        results.length ? describeResults(results) : '(none)',
      ]
        .join('\n')
        .slice(0, 20_000),
      impacted_result_ids: ids,
      whys: [],
    });
    record = (
      await updateEntity(
        tx,
        CALIBRATION_REF,
        req.audit,
        record.id,
        { impacted_result_ids: ids, ncr_id: ncr.id },
        { action: 'impact' },
      )
    ).after;
  }
  return { record, since };
}

export default async function calibrationRoutes(app: App) {
  const base = '/api/v1/equipment/:id/calibrations';

  app.get(
    base,
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'equipment-calibrations-list',
        tags: ['equipment'],
        summary: 'Calibration records, newest first',
        params: IdParams,
        response: { 200: CalibrationList },
      },
    },
    async (req) => {
      await findVisible(app.db, EQUIPMENT_REF, req.params.id);
      const rows = (await app.db
        .select()
        .from(calibrationRecords)
        .where(
          and(eq(calibrationRecords.equipment_id, req.params.id), isNull(calibrationRecords.archived_at)),
        )
        .orderBy(desc(calibrationRecords.performed_on), desc(calibrationRecords.created_at))) as Row[];
      return { items: (await ncrNumbers(app.db, rows)) as never };
    },
  );

  app.post(
    base,
    {
      config: { roles: MANAGERS, idempotent: true },
      schema: {
        operationId: 'equipment-calibrations-create',
        tags: ['equipment'],
        summary:
          'Record a calibration; as-found fail answers with the impacted results and the drafted NCR (impact)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CalibrationCreate,
        response: { 201: CalibrationCreated },
      },
    },
    async (req, reply) => {
      const { record, since } = await app.db.transaction((tx) => recordCalibration(tx, req, req.params.id));
      const [full] = await ncrNumbers(app.db, [record]);
      reply.header('etag', etag(record.version));
      reply.header('location', `/api/v1/equipment/${record.equipment_id}/calibrations/${record.id}`);
      return reply.code(201).send({ ...full, impact: await impactOf(app.db, record, since) } as never);
    },
  );

  app.get(
    `${base}/:calibrationId/impact`,
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'equipment-calibrations-impact',
        tags: ['equipment'],
        summary: 'Results measured with the instrument since its last good calibration (as-found fail)',
        params: CalibrationParams,
        response: { 200: CalibrationImpact },
      },
    },
    async (req) => {
      const record = await findVisible(
        app.db,
        CALIBRATION_REF,
        req.params.calibrationId,
        eq(calibrationRecords.equipment_id, req.params.id),
      );
      const since =
        record.as_found === 'fail'
          ? await lastGoodCalibrationDate(app.db, req.params.id, record as never)
          : null;
      return (await impactOf(app.db, record, since)) as never;
    },
  );
}
