import { sql } from 'drizzle-orm';
import { enqueueJob } from '../../../jobs/queue.ts';
import { insertEntity } from '../../../lib/crud.ts';
import { nextNumber } from '../../../lib/numbering.ts';
import { certificationRef } from '../../../modules/certifications/certifications.service.ts';
import { newVerifyCode } from '../../../modules/reports/pdf-files.ts';
import { REPORT_JOB, reportRef } from '../../../modules/reports/reports.service.ts';
import { demoSignature } from './signatures.ts';
import type { DemoStep } from './step.ts';

/**
 * Test reports and certificates of conformity on the demo's approved results. Reports are
 * written `queued` with their generation job, so the running server's job runner produces their
 * PDFs (the demo shows the durable job at work right after the first start). Certificates: one
 * expiring within 30 days (amber in the register), one valid for most of a year, one draft. The
 * issued ones carry the manager's e-signature dated their issue day (demoSignature); their PDF is
 * laid out on download, as it has no stored file.
 */
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

export const reportsStep: DemoStep = {
  name: 'reports-and-certificates',
  async load({ tx, audit }) {
    const projects = (await tx.execute(sql`
      select project_id, customer_id, count(*)::int as n
      from test_results
      where status = 'approved' and superseded_by_id is null and archived_at is null
      group by project_id, customer_id
      order by count(*) desc
      limit 6`)) as unknown as { rows: { project_id: string; customer_id: string; n: number }[] };
    let created = 0;
    for (const p of projects.rows.slice(0, 4)) {
      const samples = (await tx.execute(sql`
        select distinct sample_id from test_results
        where project_id = ${p.project_id} and status = 'approved' and superseded_by_id is null`)) as unknown as {
        rows: { sample_id: string }[];
      };
      const id = crypto.randomUUID();
      const job = await enqueueJob(tx, REPORT_JOB, { report_id: id }, { maxAttempts: 3 });
      await insertEntity(tx, reportRef, audit, {
        id,
        number: await nextNumber(tx, 'RPT'),
        project_id: p.project_id,
        customer_id: p.customer_id,
        sample_ids: samples.rows.map((s) => s.sample_id),
        title: 'Test report',
        status: 'queued',
        job_id: job.id,
        verify_code: newVerifyCode(),
      });
      created++;
    }
    const [manager] = (
      (await tx.execute(
        sql`select id, full_name as name, email from users where role = 'manager' and archived_at is null order by created_at limit 1`,
      )) as unknown as { rows: { id: string; name: string | null; email: string }[] }
    ).rows;
    const plans = [
      { status: 'issued', expiry: inDays(21), issued: inDays(-344) },
      { status: 'issued', expiry: inDays(300), issued: inDays(-65) },
      { status: 'draft', expiry: inDays(365), issued: null },
    ] as const;
    for (const [i, p] of projects.rows.slice(0, plans.length).entries()) {
      // approved results of the project that pass one specification: the certificate's basis
      const basis = (await tx.execute(sql`
        select r.id, v->>'specification_id' as spec_id, s.code, s.name
        from test_results r, jsonb_array_elements(r.verdicts) v
        join specifications s on s.id = (v->>'specification_id')::uuid
        where r.project_id = ${p.project_id} and r.status = 'approved' and r.superseded_by_id is null
          and v->>'verdict' = 'pass'
        limit 20`)) as unknown as { rows: { id: string; spec_id: string; code: string; name: string }[] };
      const spec = basis.rows[0];
      if (!spec) continue;
      const plan = plans[i];
      const cert = await insertEntity(tx, certificationRef, audit, {
        number: await nextNumber(tx, 'CERT'),
        customer_id: p.customer_id,
        project_id: p.project_id,
        product: `Finished fabric, lot ${100 + i}`,
        standard: spec.name,
        scope: `Conformity of the lot to ${spec.code}, on the approved test results`,
        specification_id: spec.spec_id,
        result_ids: basis.rows.filter((r) => r.spec_id === spec.spec_id).map((r) => r.id),
        expiry_date: plan.expiry,
        status: plan.status,
        verify_code: newVerifyCode(),
        ...(plan.issued
          ? {
              issue_date: plan.issued,
              issued_at: new Date(`${plan.issued}T10:00:00Z`),
              issued_by: manager?.id ?? null,
            }
          : {}),
      });
      if (plan.issued && manager) {
        // as POST /certifications/{id}/issue signs (no stored PDF here, so no PDF hash)
        await demoSignature(tx, {
          entityType: 'certification',
          entityId: String(cert.id),
          user: manager,
          meaning: 'issued',
          signedAt: new Date(`${plan.issued}T10:00:00Z`),
          content: {
            certification_id: cert.id,
            number: cert.number,
            issue_date: plan.issued,
            expiry_date: plan.expiry,
            result_ids: cert.result_ids,
            pdf_sha256: null,
          },
        });
      }
      created++;
    }
    return created;
  },
};
