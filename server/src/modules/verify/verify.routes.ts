import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { certifications, customers, reports } from '../../db/schema/index.ts';
import { todayIn } from '../../lib/dates.ts';
import { notFound } from '../../lib/errors.ts';
import { Nullable } from '../../lib/schemas.ts';
import type { App } from '../../types.ts';
import { identification } from '../reports/reports.service.ts';

export const VERIFY_STATUSES = ['valid', 'superseded', 'revoked', 'expired', 'suspended'] as const;

export const Verification = Type.Object(
  {
    kind: Type.Union([Type.Literal('report'), Type.Literal('certificate')]),
    number: Type.String({ description: 'As printed, e.g. "RPT-000001 rev 2" or "CERT-000001"' }),
    customer_name: Type.String(),
    issue_date: Nullable(Type.String({ format: 'date' })),
    status: Type.Union(
      VERIFY_STATUSES.map((s) => Type.Literal(s)),
      {
        description:
          'valid: issued and current; superseded: replaced by an amended report; revoked; expired (certificate past its expiry date); suspended (certificate, may be reinstated)',
      },
    ),
    pdf_sha256: Nullable(
      Type.String({ description: 'SHA-256 of the genuine PDF: compare with the copy you hold' }),
    ),
  },
  { title: 'Verification' },
);
type VerificationT = {
  kind: 'report' | 'certificate';
  number: string;
  customer_name: string;
  issue_date: string | null;
  status: (typeof VERIFY_STATUSES)[number];
  pdf_sha256: string | null;
};

const REPORT_STATUS: Record<string, VerificationT['status']> = {
  issued: 'valid',
  superseded: 'superseded',
  revoked: 'revoked',
};

/**
 * Public verification (no login): anyone holding a report or certificate scans its QR code and
 * sees whether it is genuine and current. The code is 128 random bits, so codes cannot be
 * enumerated; the answer discloses only number, customer, issue date, status and the PDF hash.
 * Drafts are unknown here (404), like codes that do not exist.
 */
export async function verifyCode(app: App, code: string): Promise<VerificationT | undefined> {
  const [report] = await app.db
    .select({
      number: reports.number,
      revision: reports.revision,
      status: reports.status,
      issue_date: reports.issue_date,
      pdf_sha256: reports.pdf_sha256,
      customer_name: customers.company_name,
    })
    .from(reports)
    .innerJoin(customers, eq(customers.id, reports.customer_id))
    .where(eq(reports.verify_code, code));
  if (report) {
    const status = REPORT_STATUS[report.status];
    if (!status) return undefined;
    return {
      kind: 'report',
      number: identification(report),
      customer_name: report.customer_name,
      issue_date: report.issue_date,
      status,
      pdf_sha256: report.pdf_sha256,
    };
  }
  const [cert] = await app.db
    .select({
      number: certifications.number,
      status: certifications.status,
      issue_date: certifications.issue_date,
      expiry_date: certifications.expiry_date,
      pdf_sha256: certifications.pdf_sha256,
      customer_name: customers.company_name,
    })
    .from(certifications)
    .innerJoin(customers, eq(customers.id, certifications.customer_id))
    .where(eq(certifications.verify_code, code));
  if (!cert || cert.status === 'draft') return undefined;
  // an issued certificate past its expiry date is expired even before the daily sweep marks it
  const expired =
    cert.status === 'expired' ||
    (cert.status === 'issued' && cert.expiry_date < todayIn(app.config.TIMEZONE));
  return {
    kind: 'certificate',
    number: cert.number,
    customer_name: cert.customer_name,
    issue_date: cert.issue_date,
    status: expired
      ? 'expired'
      : cert.status === 'issued'
        ? 'valid'
        : (cert.status as VerificationT['status']),
    pdf_sha256: cert.pdf_sha256,
  };
}

export default async function verifyRoutes(app: App) {
  app.get(
    '/api/v1/verify/:code',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: 60_000 } },
      schema: {
        operationId: 'verify-get',
        tags: ['verify'],
        summary: 'Public: is this report or certificate genuine and current?',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: Verification },
      },
    },
    async (req, reply) => {
      const found = /^[A-Za-z0-9_-]{16,64}$/.test(req.params.code)
        ? await verifyCode(app, req.params.code)
        : undefined;
      if (!found) throw notFound('verification code');
      return reply.header('cache-control', 'no-store').send(found as never);
    },
  );
}
