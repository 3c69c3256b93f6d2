import { asc, eq } from 'drizzle-orm';
import { loadConfig } from '../../../config.ts';
import { recordAudit } from '../../../lib/audit.ts';
import { insertEntity } from '../../../lib/crud.ts';
import { nextNumber } from '../../../lib/numbering.ts';
import { LocalFolderStorage } from '../../../storage/local-folder.ts';
import type { Db } from '../../client.ts';
import type { DocumentCategory, DocumentStatus } from '../../schema/documents.ts';
import { documentLinks, documents, documentVersions, projects, users } from '../../schema/index.ts';
import type { DemoContext, DemoStep } from './step.ts';

/**
 * The lab's controlled documents (quality manual, SOPs, work instructions, forms, a policy in
 * review, a withdrawn SOP) and a few attachments on recent projects, some shown to the customer.
 * The files are small generated PDFs kept in UPLOAD_DIR like any upload. (The step gets no app,
 * so it opens the configured folder itself.)
 */
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

/** A one-page PDF with a title line: enough for a viewer to open and for the hash to be real. */
function demoPdf(title: string, version: number): Buffer {
  const text = `${title} - version ${version}`.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 40 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

interface Controlled {
  title: string;
  category: DocumentCategory;
  file: string;
  versions: { note: string | null; daysAgo: number }[];
  status: DocumentStatus;
  /** Which version is approved (in force), if any. */
  current: number | null;
}

const CONTROLLED: Controlled[] = [
  {
    title: 'Quality manual',
    category: 'manual',
    file: 'QM-01 Quality manual.pdf',
    versions: [
      { note: null, daysAgo: 360 },
      { note: 'Scope extended to flammability testing', daysAgo: 120 },
    ],
    status: 'approved',
    current: 2,
  },
  {
    title: 'SOP-03 Sample receipt and identification',
    category: 'sop',
    file: 'SOP-03 Sample receipt.pdf',
    versions: [{ note: null, daysAgo: 330 }],
    status: 'approved',
    current: 1,
  },
  {
    title: 'WI ISO 105-C06 Colour fastness to domestic laundering',
    category: 'method',
    file: 'WI-105-C06.pdf',
    versions: [
      { note: null, daysAgo: 300 },
      { note: 'Steel balls count per test condition table', daysAgo: 40 },
    ],
    status: 'approved',
    current: 2,
  },
  {
    title: 'F-07 Test request form',
    category: 'form',
    file: 'F-07 Test request form.pdf',
    versions: [{ note: null, daysAgo: 280 }],
    status: 'approved',
    current: 1,
  },
  {
    title: 'Impartiality and confidentiality policy',
    category: 'policy',
    file: 'POL-02 Impartiality.pdf',
    versions: [
      { note: null, daysAgo: 350 },
      { note: 'Annual review: conflicts register added', daysAgo: 6 },
    ],
    status: 'in_review',
    current: 1,
  },
  {
    title: 'SOP-01 Retention of samples (superseded by SOP-03)',
    category: 'sop',
    file: 'SOP-01 Retention.pdf',
    versions: [{ note: null, daysAgo: 365 }],
    status: 'obsolete',
    current: 1,
  },
];

async function keep(
  tx: Db,
  ctx: DemoContext,
  storage: LocalFolderStorage,
  docId: string,
  v: {
    version: number;
    title: string;
    filename: string;
    note: string | null;
    at: Date;
    by: string | null;
  },
) {
  const stored = await storage.put(demoPdf(v.title, v.version));
  await tx.insert(documentVersions).values({
    document_id: docId,
    version: v.version,
    storage_key: stored.key,
    filename: v.filename,
    content_type: 'application/pdf',
    size: stored.size,
    sha256: stored.sha256,
    change_note: v.note,
    uploaded_by: v.by,
    uploaded_at: v.at,
  });
  await recordAudit(tx, ctx.audit, {
    action: v.version === 1 ? 'upload' : 'new_version',
    entityType: 'document',
    entityId: docId,
    changes: {
      file_version: [v.version === 1 ? null : v.version - 1, v.version],
      sha256: [null, stored.sha256],
    },
  });
}

export const documentsStep: DemoStep = {
  name: 'documents',
  async load(ctx) {
    const { tx } = ctx;
    const storage = new LocalFolderStorage(loadConfig().uploadDir);
    const [manager] = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'manager')).limit(1);
    const by = manager?.id ?? null;
    let created = 0;
    for (const c of CONTROLLED) {
      const last = c.versions[c.versions.length - 1];
      const doc = await insertEntity(tx, { table: documents, name: 'document' }, ctx.audit, {
        number: await nextNumber(tx, 'DOC'),
        title: c.title,
        kind: 'controlled',
        category: c.category,
        status: c.status,
        latest_version: c.versions.length,
        current_version: c.current,
        effective_date: c.current
          ? daysAgo(c.versions[c.current - 1].daysAgo - 2)
              .toISOString()
              .slice(0, 10)
          : null,
        approved_by: c.current ? by : null,
        approved_at: c.current ? daysAgo(c.versions[c.current - 1].daysAgo - 1) : null,
        created_by: by,
        created_at: daysAgo(c.versions[0].daysAgo),
        updated_at: daysAgo(last.daysAgo),
      });
      for (const [i, v] of c.versions.entries()) {
        await keep(tx, ctx, storage, doc.id, {
          version: i + 1,
          title: c.title,
          filename: c.file,
          note: v.note,
          at: daysAgo(v.daysAgo),
          by,
        });
      }
      created++;
    }

    // attachments: the sampling plan of the first projects and of each portal customer's first
    // project, shown to their customers
    const first = await tx
      .select({ id: projects.id, number: projects.number, customer_id: projects.customer_id })
      .from(projects)
      .orderBy(asc(projects.created_at))
      .limit(3);
    const portalCustomers = await tx
      .select({ customer_id: users.customer_id })
      .from(users)
      .where(eq(users.role, 'customer'));
    const portal: typeof first = [];
    for (const { customer_id: customerId } of portalCustomers) {
      if (!customerId) continue;
      const [project] = await tx
        .select({ id: projects.id, number: projects.number, customer_id: projects.customer_id })
        .from(projects)
        .where(eq(projects.customer_id, customerId))
        .orderBy(asc(projects.created_at))
        .limit(1);
      if (project) portal.push(project);
    }
    const recent = [...first, ...portal.filter((p) => !first.some((f) => f.id === p.id))];
    for (const project of recent) {
      const title = `${project.number} sampling plan`;
      const doc = await insertEntity(tx, { table: documents, name: 'document' }, ctx.audit, {
        number: await nextNumber(tx, 'DOC'),
        title,
        kind: 'attachment',
        status: 'active',
        customer_visible: true,
        latest_version: 1,
        current_version: 1,
        created_by: by,
      });
      await keep(tx, ctx, storage, doc.id, {
        version: 1,
        title,
        filename: `${project.number}-sampling-plan.pdf`,
        note: null,
        at: new Date(),
        by,
      });
      await tx.insert(documentLinks).values({
        document_id: doc.id,
        entity_type: 'project',
        entity_id: project.id,
        customer_id: project.customer_id,
        created_by: by,
      });
      created++;
    }
    return created;
  },
};
