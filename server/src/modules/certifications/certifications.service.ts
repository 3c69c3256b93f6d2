import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import {
  certifications,
  customers,
  projects,
  samples,
  specifications,
  testResults,
} from '../../db/schema/index.ts';
import type { SpecVerdict } from '../../db/schema/testing.ts';
import type { ActionDef, Machine } from '../../lib/actions.ts';
import type { EntityRef, Row } from '../../lib/crud.ts';
import { todayIn } from '../../lib/dates.ts';
import { conflict, type FieldError, unprocessable } from '../../lib/errors.ts';
import { signaturesOfMany } from '../../lib/signatures.ts';
import type { CertificateDocument } from '../../pdf/templates/certificate.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import type { App, CurrentUser } from '../../types.ts';
import { newVerifyCode, verifyUrl } from '../reports/pdf-files.ts';
import { previewToken } from '../reports/preview-token.ts';
import { LAB } from '../reports/reports.content.ts';
import { ReasonBody } from './certifications.schemas.ts';

export const certificationRef: EntityRef = { table: certifications, name: 'certification' };
export type CertificationRow = typeof certifications.$inferSelect;

/** Customers see their own customer's certificates once issued (and after: suspended, revoked, expired). */
export const certificationScope = (user: CurrentUser) =>
  user.role === 'customer'
    ? and(
        eq(certifications.customer_id, user.customerId ?? sql`null`),
        inArray(certifications.status, ['issued', 'suspended', 'revoked', 'expired']),
      )
    : undefined;

const DAY = 86_400_000;
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * A certificate rests on results: every named result must be this customer's, approved, current
 * (not superseded by a correction) and pass the named specification. 422 naming each result that
 * does not, by its position in result_ids.
 */
export async function checkBasis(
  db: Db,
  input: { customer_id: string; specification_id: string; result_ids: string[]; project_id?: string | null },
) {
  const errors: FieldError[] = [];
  const [customer] = await db
    .select({ id: customers.id, archived_at: customers.archived_at })
    .from(customers)
    .where(eq(customers.id, input.customer_id));
  if (!customer) errors.push({ field: 'customer_id', message: 'no such customer' });
  const [spec] = await db
    .select({ id: specifications.id, code: specifications.code, status: specifications.status })
    .from(specifications)
    .where(eq(specifications.id, input.specification_id));
  if (!spec) errors.push({ field: 'specification_id', message: 'no such specification' });
  if (input.project_id) {
    const [project] = await db
      .select({ customer_id: projects.customer_id })
      .from(projects)
      .where(eq(projects.id, input.project_id));
    if (!project) errors.push({ field: 'project_id', message: 'no such project' });
    else if (project.customer_id !== input.customer_id)
      errors.push({ field: 'project_id', message: 'is a project of another customer' });
  }
  const rows = input.result_ids.length
    ? await db
        .select({
          id: testResults.id,
          customer_id: testResults.customer_id,
          status: testResults.status,
          superseded_by_id: testResults.superseded_by_id,
          archived_at: testResults.archived_at,
          verdicts: testResults.verdicts,
          parameter: testResults.parameter,
        })
        .from(testResults)
        .where(inArray(testResults.id, input.result_ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  input.result_ids.forEach((id, i) => {
    const field = `result_ids[${i}]`;
    const r = byId.get(id);
    if (!r || r.customer_id !== input.customer_id) {
      errors.push({ field, message: `result ${id} is not a result of this customer` });
      return;
    }
    if (r.archived_at) errors.push({ field, message: `result ${id} (${r.parameter}) is archived` });
    else if (r.superseded_by_id)
      errors.push({
        field,
        message: `result ${id} (${r.parameter}) was corrected by ${r.superseded_by_id}; name that one`,
      });
    else if (r.status !== 'approved')
      errors.push({ field, message: `result ${id} (${r.parameter}) is ${r.status}, not approved` });
    else if (spec) {
      const verdict = (r.verdicts as SpecVerdict[]).find((v) => v.specification_id === spec.id);
      if (!verdict)
        errors.push({ field, message: `result ${id} (${r.parameter}) was not judged against ${spec.code}` });
      else if (verdict.verdict !== 'pass')
        errors.push({
          field,
          message: `result ${id} (${r.parameter}) does not pass ${spec.code}: ${verdict.verdict}, ${verdict.reason}`,
        });
    }
  });
  if (errors.length) throw unprocessable(errors);
}

/** POST /certifications: a draft, its basis checked, its verification code drawn. */
export async function certificationValues(tx: Db, body: Record<string, unknown>, req: FastifyRequest) {
  const input = body as {
    customer_id: string;
    specification_id: string;
    result_ids: string[];
    expiry_date: string;
  };
  await checkBasis(tx, input);
  if (input.expiry_date <= todayIn(req.server.config.TIMEZONE)) {
    throw unprocessable([{ field: 'expiry_date', message: 'must be after today' }]);
  }
  return { ...body, status: 'draft', verify_code: newVerifyCode() };
}

/** PATCH/PUT: drafts only; an issued certificate is changed by suspending, revoking or a new one. */
export async function certificationPatch(tx: Db, patch: Record<string, unknown>, before: Row) {
  if (before.status !== 'draft') {
    throw conflict(
      `Certification ${before.number} is ${before.status} and is not edited; suspend or revoke it, or draft a new one`,
    );
  }
  const merged = { ...before, ...patch } as unknown as {
    customer_id: string;
    specification_id: string;
    result_ids: string[];
    project_id: string | null;
  };
  if (['customer_id', 'specification_id', 'result_ids', 'project_id'].some((k) => k in patch))
    await checkBasis(tx, merged);
  return patch;
}

const reasonAction = (
  name: string,
  from: string[],
  to: string,
  summary: string,
  fields: (reason: string) => Record<string, unknown>,
): ActionDef => ({
  name,
  from,
  to,
  roles: MANAGERS,
  summary,
  body: ReasonBody,
  apply: (_tx, _row, body) => fields(String(body.reason).trim()),
});

const reinstate: ActionDef = {
  name: 'reinstate',
  from: ['suspended'],
  to: 'issued',
  roles: MANAGERS,
  summary: 'Reinstate a suspended certificate (not past its expiry date)',
  apply: (_tx, row, _body, req) => {
    if (String(row.expiry_date) < todayIn(req.server.config.TIMEZONE)) {
      throw conflict(`Certification ${row.number} expired on ${row.expiry_date}; it cannot be reinstated`);
    }
    return { suspended_at: null, suspend_reason: null };
  },
};

export const certificationMachine: Machine = {
  actions: [
    { name: 'issue', from: ['draft'], to: 'issued', roles: MANAGERS, ownRoute: true },
    reasonAction(
      'suspend',
      ['issued'],
      'suspended',
      'Suspend (verification then says suspended)',
      (reason) => ({
        suspended_at: new Date(),
        suspend_reason: reason,
      }),
    ),
    reinstate,
    reasonAction('revoke', ['issued', 'suspended'], 'revoked', 'Revoke for good', (reason) => ({
      revoked_at: new Date(),
      revoke_reason: reason,
    })),
  ],
};

/** Read-only fields for a page of certificates, in three queries whatever the page size. */
export function expandCertifications(app: App) {
  return async (db: Db, rows: Row[]): Promise<Row[]> => {
    const ids = rows.map((r) => r.id);
    const customerIds = [...new Set(rows.map((r) => String(r.customer_id)))];
    const specIds = [...new Set(rows.map((r) => String(r.specification_id)))];
    const [names, specs, signed] = await Promise.all([
      db
        .select({ id: customers.id, name: customers.company_name })
        .from(customers)
        .where(inArray(customers.id, customerIds)),
      db
        .select({ id: specifications.id, code: specifications.code })
        .from(specifications)
        .where(inArray(specifications.id, specIds)),
      signaturesOfMany(db, 'certification', ids),
    ]);
    const customerName = new Map(names.map((c) => [c.id, c.name]));
    const specCode = new Map(specs.map((s) => [s.id, s.code]));
    const today = todayIn(app.config.TIMEZONE);
    return rows.map((row) => ({
      ...row,
      customer_name: customerName.get(String(row.customer_id)) ?? null,
      specification_code: specCode.get(String(row.specification_id)) ?? null,
      days_to_expiry: daysBetween(today, String(row.expiry_date)),
      signatures: signed.get(row.id) ?? [],
      preview_url: `/api/v1/certifications/${row.id}/preview?token=${previewToken(app.config.SECRET_KEY, 'certification', row.id)}`,
    }));
  };
}

const MARKS: Record<string, string> = {
  draft: 'DRAFT',
  suspended: 'SUSPENDED',
  revoked: 'REVOKED',
  expired: 'EXPIRED',
};

/** The certificate's PDF data; `mark` follows the status unless given. */
export async function certificateDocument(
  app: App,
  cert: CertificationRow,
  opts: { issueDate?: string; signatory: CertificateDocument['signatory']; mark?: string | null },
): Promise<CertificateDocument> {
  const [customer] = await app.db
    .select({ name: customers.company_name, address: customers.address })
    .from(customers)
    .where(eq(customers.id, cert.customer_id));
  const [spec] = await app.db
    .select({ code: specifications.code, name: specifications.name })
    .from(specifications)
    .where(eq(specifications.id, cert.specification_id));
  const results = cert.result_ids.length
    ? await app.db
        .select({
          sample_number: samples.number,
          parameter: testResults.parameter,
          value_numeric: testResults.value_numeric,
          value_text: testResults.value_text,
          unit: testResults.unit,
          verdicts: testResults.verdicts,
        })
        .from(testResults)
        .innerJoin(samples, eq(samples.id, testResults.sample_id))
        .where(inArray(testResults.id, cert.result_ids))
        .orderBy(asc(samples.number), asc(testResults.parameter))
    : [];
  return {
    lab: LAB,
    number: cert.number,
    mark: opts.mark === undefined ? (MARKS[cert.status] ?? null) : opts.mark,
    customer: { name: customer?.name ?? '', address: customer?.address },
    product: cert.product,
    standard: cert.standard,
    scope: cert.scope,
    specification: { code: spec?.code ?? '', name: spec?.name ?? '' },
    issue_date: opts.issueDate ?? cert.issue_date ?? 'not issued (draft)',
    expiry_date: cert.expiry_date,
    results: results.map((r) => ({
      sample_number: r.sample_number,
      parameter: r.parameter,
      value: [r.value_numeric ?? r.value_text, r.unit].filter(Boolean).join(' '),
      verdict:
        (r.verdicts as SpecVerdict[]).find((v) => v.specification_id === cert.specification_id)?.verdict ??
        'n/a',
    })),
    signatory: opts.signatory,
    verify_url: verifyUrl(app, cert.verify_code),
  };
}
