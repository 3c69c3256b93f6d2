import { and, desc, eq, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { documentLinks, documents, documentVersions, users } from '../../db/schema/index.ts';
import type { Machine } from '../../lib/actions.ts';
import type { EntityRef, Row } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { conflict, forbidden } from '../../lib/errors.ts';
import { DateOnly } from '../../lib/schemas.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import type { CurrentUser } from '../../types.ts';

/** Who may upload files, add versions, link and edit: managers and engineers (and admins). */
export const UPLOADERS = ['admin', 'manager', 'engineer'] as const;

export const documentRef: EntityRef = { table: documents, name: 'document' };

/**
 * What a portal customer sees: documents marked customer_visible, linked to one of its own
 * customer's records, not archived, and in force (an attachment, or a controlled document with
 * an approved, not obsolete version). Anything else is simply not there (404), never 403.
 */
export function documentScope(user: CurrentUser): SQL | undefined {
  if (user.role !== 'customer') return undefined;
  if (!user.customerId) return sql`false`;
  return and(
    isNull(documents.archived_at),
    eq(documents.customer_visible, true),
    or(
      eq(documents.kind, 'attachment'),
      and(isNotNull(documents.current_version), ne(documents.status, 'obsolete')),
    ),
    sql`exists (select 1 from ${documentLinks} where ${documentLinks.document_id} = ${documents.id}
        and ${documentLinks.customer_id} = ${user.customerId})`,
  );
}

/** The documents linked to one record (`?entity_type=&entity_id=`). */
export const linkedTo = (entityType: string, entityId: string): SQL =>
  sql`exists (select 1 from ${documentLinks} where ${documentLinks.document_id} = ${documents.id}
      and ${documentLinks.entity_type} = ${entityType} and ${documentLinks.entity_id} = ${entityId})`;

/**
 * The version a download gets when none is named: the one in force, or for a controlled document
 * never approved yet (staff only), the latest draft.
 */
export const defaultVersion = (doc: Row, user: CurrentUser): number | null =>
  user.role === 'customer'
    ? ((doc.current_version as number | null) ?? null)
    : ((doc.current_version as number | null) ?? (doc.latest_version as number));

/**
 * Controlled documents: draft → in_review → approved (→ obsolete); a reviewer may send it back,
 * saying why. Approval is four-eyes (ISO/IEC 17025 §8.3: reviewed and approved before issue): the
 * person who uploaded the version under review cannot approve it; an admin can, as the lab's
 * override, and the audit trail says who did.
 */
export const documentMachine: Machine = {
  actions: [
    {
      name: 'submit',
      from: ['draft'],
      to: 'in_review',
      roles: UPLOADERS,
      summary: 'Send a controlled document for review (from draft)',
    },
    {
      name: 'approve',
      from: ['in_review'],
      to: 'approved',
      roles: MANAGERS,
      summary:
        'Approve the latest version: it becomes the current one, in force from effective_date (not by its uploader; admins may)',
      body: Type.Object(
        {
          effective_date: Type.Optional(DateOnly),
          version: Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' })),
        },
        { additionalProperties: false },
      ),
      apply: async (tx, row, body, req) => {
        const [latest] = await tx
          .select({ uploaded_by: documentVersions.uploaded_by })
          .from(documentVersions)
          .where(
            and(
              eq(documentVersions.document_id, String(row.id)),
              eq(documentVersions.version, Number(row.latest_version)),
            ),
          );
        if (latest?.uploaded_by === req.user.id && req.user.role !== 'admin') {
          throw forbidden(
            `You uploaded version ${row.latest_version}, so another manager must approve it (four-eyes rule)`,
          );
        }
        return {
          current_version: row.latest_version,
          effective_date: (body.effective_date as string | undefined) ?? today(req),
          approved_by: req.user.id,
          approved_at: new Date(),
          review_note: null,
        };
      },
    },
    {
      name: 'reject',
      from: ['in_review'],
      to: 'draft',
      roles: MANAGERS,
      summary: 'Send a controlled document back to its authors, saying why (from in_review)',
      body: Type.Object(
        {
          reason: Type.String({ minLength: 3, maxLength: 2000, description: 'What the authors must change' }),
        },
        { additionalProperties: false },
      ),
      apply: (_tx, _row, body) => ({ review_note: String(body.reason).trim() }),
    },
    {
      name: 'obsolete',
      from: ['approved'],
      to: 'obsolete',
      roles: MANAGERS,
      summary: 'Withdraw an approved document: it stays readable, marked obsolete',
    },
  ],
};

/** The state a document takes when a new version is uploaded. */
export function stateAfterNewVersion(doc: Row, version: number): Record<string, unknown> {
  if (doc.kind === 'attachment') return { latest_version: version, current_version: version };
  if (doc.status === 'obsolete') {
    throw conflict(`document ${doc.number} is obsolete; it takes no new versions`);
  }
  // a new version of an approved document goes to review; the approved one stays current meanwhile
  return { latest_version: version, status: doc.status === 'approved' ? 'in_review' : doc.status };
}

const versionColumns = {
  id: documentVersions.id,
  document_id: documentVersions.document_id,
  version: documentVersions.version,
  storage_key: documentVersions.storage_key,
  filename: documentVersions.filename,
  content_type: documentVersions.content_type,
  size: documentVersions.size,
  sha256: documentVersions.sha256,
  change_note: documentVersions.change_note,
  uploaded_by: documentVersions.uploaded_by,
  uploaded_by_name: users.full_name,
  uploaded_at: documentVersions.uploaded_at,
};

/** The versions of a document a caller may see, newest first; customers only the current one. */
export async function versionsOf(db: Db, doc: Row, user: CurrentUser) {
  const visible =
    user.role === 'customer' ? eq(documentVersions.version, defaultVersion(doc, user) ?? -1) : undefined;
  const rows = await db
    .select(versionColumns)
    .from(documentVersions)
    .leftJoin(users, eq(users.id, documentVersions.uploaded_by))
    .where(and(eq(documentVersions.document_id, doc.id), visible))
    .orderBy(desc(documentVersions.version));
  return rows.map(({ storage_key: _key, ...v }) => ({
    ...v,
    is_current: v.version === (doc.current_version as number | null),
  }));
}

/** One version's row (with its storage key), or undefined. */
export async function findVersion(db: Db, documentId: string, version: number) {
  const [row] = await db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.document_id, documentId), eq(documentVersions.version, version)))
    .limit(1);
  return row;
}

/** Links a caller may see: customers only those to their own customer's records. */
export async function linksOf(db: Db, documentId: string, user: CurrentUser) {
  return db
    .select({
      id: documentLinks.id,
      document_id: documentLinks.document_id,
      entity_type: documentLinks.entity_type,
      entity_id: documentLinks.entity_id,
      created_at: documentLinks.created_at,
    })
    .from(documentLinks)
    .where(
      and(
        eq(documentLinks.document_id, documentId),
        user.role === 'customer' ? eq(documentLinks.customer_id, user.customerId ?? sql`null`) : undefined,
      ),
    )
    .orderBy(documentLinks.created_at);
}

/**
 * Adds `latest_file` to a page of documents in one query: the file a caller would download by
 * default (customers: the current version; staff: the latest upload).
 */
export async function withLatestFile(db: Db, rows: Row[], user: CurrentUser): Promise<Row[]> {
  if (!rows.length) return rows;
  const wanted = new Map<string, number>();
  for (const row of rows) {
    const version = user.role === 'customer' ? defaultVersion(row, user) : (row.latest_version as number);
    if (version) wanted.set(row.id, version);
  }
  const files = wanted.size
    ? await db
        .select({
          document_id: documentVersions.document_id,
          version: documentVersions.version,
          filename: documentVersions.filename,
          content_type: documentVersions.content_type,
          size: documentVersions.size,
          sha256: documentVersions.sha256,
          uploaded_at: documentVersions.uploaded_at,
        })
        .from(documentVersions)
        .where(
          sql`(${documentVersions.document_id}, ${documentVersions.version}) in (${sql.join(
            [...wanted].map(([id, version]) => sql`(${id}::uuid, ${version}::int)`),
            sql`, `,
          )})`,
        )
    : [];
  const byDoc = new Map(files.map((f) => [f.document_id, f]));
  return rows.map((row) => {
    const file = byDoc.get(row.id);
    if (!file) return { ...row, latest_file: null };
    const { document_id: _d, ...summary } = file;
    return { ...row, latest_file: summary };
  });
}
