import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { auditFindings, ncrs } from '../../db/schema/index.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { archiveEntity, findVisible, insertEntity, type Row, updateEntity } from '../../lib/crud.ts';
import { conflict } from '../../lib/errors.ts';
import { Id, IdempotencyHeaders, IdParams, IfMatchHeaders } from '../../lib/schemas.ts';
import { STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { presentNcr } from '../ncrs/ncrs.present.ts';
import { NcrWithActions } from '../ncrs/ncrs.schemas.ts';
import { draftNcr } from '../ncrs/ncrs.service.ts';
import { QUALITY_OWNERS } from '../ncrs/people.ts';
import { FindingCreate, FindingPublic, FindingUpdate, RaiseNcr } from './audits.schemas.ts';
import { AUDIT_REF } from './audits.service.ts';

/**
 * Findings of an audit (`/audits/{id}/findings`): recorded while the audit is in progress; each
 * can raise one NCR (`…/{fid}/raise-ncr`), which links back to it. A finding with an NCR stays.
 */
const FINDING_REF = { table: auditFindings, name: 'audit_finding' } as const;
const FindingParams = Type.Object({ id: Id, findingId: Id });
const FindingList = Type.Object({ items: Type.Array(FindingPublic) }, { title: 'AuditFindingList' });
/** NCR severity a finding suggests, when the caller does not say. */
const SEVERITY = { major: 'major', minor: 'minor', observation: 'minor' } as const;

async function expandFindings(db: Db, rows: Row[]): Promise<Row[]> {
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

/** The audit, locked, when findings may be recorded on it. */
async function openAudit(tx: Db, auditId: string): Promise<Row> {
  const audit = await findVisible(tx, AUDIT_REF, auditId, undefined, true);
  if (audit.archived_at) throw conflict(`Audit ${audit.number} is archived; restore it first`);
  if (audit.status !== 'in_progress') {
    throw conflict(`Audit ${audit.number} is ${audit.status}: findings are recorded while it is in_progress`);
  }
  return audit;
}

const findingOf = (tx: Db, auditId: string, findingId: string) =>
  findVisible(tx, FINDING_REF, findingId, eq(auditFindings.audit_id, auditId), true);

export default async function findingRoutes(app: App) {
  const base = '/api/v1/audits/:id/findings';
  const send = async (reply: FastifyReply, row: Row, status = 200) => {
    const [full] = await expandFindings(app.db, [row]);
    reply.header('etag', etag(row.version));
    if (status === 201) reply.header('location', `/api/v1/audits/${row.audit_id}/findings/${row.id}`);
    return reply.code(status).send(full as never);
  };

  app.get(
    base,
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'audits-findings-list',
        tags: ['audits'],
        summary: 'The findings of an audit, oldest first',
        params: IdParams,
        response: { 200: FindingList },
      },
    },
    async (req) => {
      await findVisible(app.db, AUDIT_REF, req.params.id);
      const rows = (await app.db
        .select()
        .from(auditFindings)
        .where(and(eq(auditFindings.audit_id, req.params.id), isNull(auditFindings.archived_at)))
        .orderBy(auditFindings.created_at, auditFindings.id)) as Row[];
      return { items: (await expandFindings(app.db, rows)) as never };
    },
  );

  app.post(
    base,
    {
      config: { roles: QUALITY_OWNERS, idempotent: true },
      schema: {
        operationId: 'audits-findings-create',
        tags: ['audits'],
        summary: 'Record a finding (while the audit is in progress)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: FindingCreate,
        response: { 201: FindingPublic },
      },
    },
    async (req, reply) => {
      const row = await app.db.transaction(async (tx) => {
        const audit = await openAudit(tx, req.params.id);
        return insertEntity(tx, FINDING_REF, req.audit, {
          ...req.body,
          audit_id: audit.id,
          recorded_by: req.user.id,
        });
      });
      return send(reply, row, 201);
    },
  );

  app.patch(
    `${base}/:findingId`,
    {
      config: { roles: QUALITY_OWNERS },
      schema: {
        operationId: 'audits-findings-update',
        tags: ['audits'],
        summary: 'Correct a finding (while the audit is in progress)',
        params: FindingParams,
        headers: IfMatchHeaders,
        body: FindingUpdate,
        response: { 200: FindingPublic },
      },
    },
    async (req, reply) => {
      const { version, ...patch } = req.body;
      const expected = expectedVersion(req.headers['if-match'], version);
      const row = await app.db.transaction(async (tx) => {
        await openAudit(tx, req.params.id);
        const finding = await findingOf(tx, req.params.id, req.params.findingId);
        return (await updateEntity(tx, FINDING_REF, req.audit, finding.id, patch, { expected })).after;
      });
      return send(reply, row);
    },
  );

  app.delete(
    `${base}/:findingId`,
    {
      config: { roles: QUALITY_OWNERS },
      schema: {
        operationId: 'audits-findings-archive',
        tags: ['audits'],
        summary: 'Withdraw a finding that raised no NCR (archived, never destroyed)',
        params: FindingParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      await app.db.transaction(async (tx) => {
        await openAudit(tx, req.params.id);
        const finding = await findingOf(tx, req.params.id, req.params.findingId);
        if (finding.ncr_id) throw conflict('This finding raised an NCR; it stays on the record');
        await archiveEntity(tx, FINDING_REF, req.audit, finding.id, { expected });
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/:findingId/raise-ncr`,
    {
      config: { roles: QUALITY_OWNERS, idempotent: true },
      schema: {
        operationId: 'audits-findings-raise-ncr',
        tags: ['audits'],
        summary: 'Raise an NCR from a finding (one per finding); answers with the NCR',
        params: FindingParams,
        headers: IdempotencyHeaders,
        body: RaiseNcr,
        response: { 201: NcrWithActions },
      },
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req, reply) => {
      const ncr = await app.db.transaction(async (tx) => {
        const audit = await findVisible(tx, AUDIT_REF, req.params.id, undefined, true);
        if (audit.status === 'cancelled') throw conflict(`Audit ${audit.number} is cancelled`);
        const finding = await findingOf(tx, audit.id, req.params.findingId);
        if (finding.archived_at) throw conflict('This finding is withdrawn');
        if (finding.ncr_id) throw conflict(`This finding already raised NCR ${finding.ncr_id}`);
        const clause = finding.clause ? ` (${finding.clause})` : '';
        const created = await draftNcr(tx, req, {
          source: 'audit_finding',
          source_entity_type: 'audit_finding',
          source_entity_id: finding.id,
          title: req.body.title ?? `${audit.number} ${finding.kind} finding${clause}`.slice(0, 200),
          description: [
            `Raised from ${finding.kind} finding of audit ${audit.number} "${audit.title}"${clause}.`,
            '',
            String(finding.description),
            ...(finding.evidence ? ['', `Evidence: ${finding.evidence}`] : []),
          ].join('\n'),
          severity: req.body.severity ?? SEVERITY[finding.kind as keyof typeof SEVERITY],
          owner_id: req.body.owner_id ?? null,
          whys: [],
        });
        await updateEntity(
          tx,
          FINDING_REF,
          req.audit,
          finding.id,
          { ncr_id: created.id },
          { action: 'raise_ncr', allowArchived: false },
        );
        return created;
      });
      reply.header('etag', etag(ncr.version));
      reply.header('location', `/api/v1/ncrs/${ncr.id}`);
      return reply.code(201).send((await presentNcr(app, ncr, req.user)) as never);
    },
  );
}
