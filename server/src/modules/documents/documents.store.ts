import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import type { DocumentCategory, DocumentKind } from '../../db/schema/documents.ts';
import { documentLinks, documentVersions } from '../../db/schema/index.ts';
import { type AuditContext, recordAudit } from '../../lib/audit.ts';
import { findVisible, insertEntity, type Row, updateEntity } from '../../lib/crud.ts';
import { HttpError, invalidField } from '../../lib/errors.ts';
import { nextNumber } from '../../lib/numbering.ts';
import { FileTooLargeError, type StoredFile } from '../../storage/file-storage.ts';
import type { App } from '../../types.ts';
import { documentRef, stateAfterNewVersion } from './documents.service.ts';
import { detectType, sanitizeFilename } from './file-types.ts';
import { resolveLinkTarget } from './links.ts';

/**
 * Storing files as documents: what the upload routes do, and what other modules call to keep a
 * file they produced (a report PDF, a calibration certificate) as a document with its version,
 * hash and links:
 *
 *   const doc = await createDocumentFromFile(app, req.audit, {
 *     title: 'RPT-000001 test report', file: { source: pdfBuffer, filename: 'RPT-000001.pdf' },
 *     links: [{ entity_type: 'report', entity_id: report.id }], customer_visible: true,
 *   });
 *   // doc.document_id, doc.version_id, doc.number, doc.sha256 …
 *
 * The bytes are streamed to storage first (hashed, size-capped, type-checked by content), then
 * the rows are written in one transaction; if that fails, the stored file is removed again.
 */
export interface IncomingFile {
  source: Readable | Uint8Array;
  /** The client's (or producer's) name; sanitized before it is kept. */
  filename: string;
}

export interface LinkTarget {
  entity_type: string;
  entity_id: string;
}

export interface NewDocument {
  title?: string;
  description?: string | null;
  kind?: DocumentKind;
  category?: DocumentCategory | null;
  customer_visible?: boolean;
  change_note?: string | null;
  links?: LinkTarget[];
  file: IncomingFile;
}

export interface StoredDocument {
  document_id: string;
  version_id: string;
  number: string;
  version: number;
  storage_key: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
}

interface AcceptedFile extends StoredFile {
  filename: string;
  contentType: string;
}

/** Streams a file into storage and checks its type; 413/415 naming `file`, nothing left behind. */
export async function acceptFile(app: App, file: IncomingFile): Promise<AcceptedFile> {
  const filename = sanitizeFilename(file.filename);
  const limit = app.config.MAX_UPLOAD_SIZE;
  let stored: StoredFile;
  try {
    stored = await app.storage.put(file.source, { maxBytes: limit });
  } catch (err) {
    if (err instanceof FileTooLargeError) {
      throw new HttpError(413, 'Content Too Large', `The file is larger than the limit of ${limit} bytes`, {
        errors: [{ field: 'file', message: `must be at most ${limit} bytes` }],
      });
    }
    throw err;
  }
  try {
    if (stored.size === 0) throw invalidField('file', 'is empty');
    const detected = await detectType(() => app.storage.get(stored.key), filename);
    if (!detected.ok) {
      throw new HttpError(415, 'Unsupported Media Type', `file: ${detected.reason}`, {
        errors: [{ field: 'file', message: detected.reason }],
      });
    }
    return { ...stored, filename, contentType: detected.type.mime };
  } catch (err) {
    await app.storage.delete(stored.key);
    throw err;
  }
}

/** Runs `work` with the rows of an accepted file; removes the file if the rows are not written. */
async function keepOrDiscard<T>(app: App, stored: AcceptedFile, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    await app.storage.delete(stored.key).catch((e) => app.log.warn({ err: e }, 'could not remove file'));
    throw err;
  }
}

async function insertVersion(
  tx: Db,
  audit: AuditContext,
  documentId: string,
  version: number,
  file: AcceptedFile,
  changeNote: string | null | undefined,
) {
  const [row] = await tx
    .insert(documentVersions)
    .values({
      document_id: documentId,
      version,
      storage_key: file.key,
      filename: file.filename,
      content_type: file.contentType,
      size: file.size,
      sha256: file.sha256,
      change_note: changeNote ?? null,
      uploaded_by: audit.actorId,
    })
    .returning();
  await recordAudit(tx, audit, {
    action: version === 1 ? 'upload' : 'new_version',
    entityType: 'document',
    entityId: documentId,
    changes: {
      file_version: [version === 1 ? null : version - 1, version],
      filename: [null, file.filename],
      content_type: [null, file.contentType],
      size: [null, file.size],
      sha256: [null, file.sha256],
    },
  });
  return row;
}

/** Links a document to a record (checked to exist); 409 when already linked. */
export async function linkDocument(tx: Db, audit: AuditContext, documentId: string, target: LinkTarget) {
  const { customerId } = await resolveLinkTarget(tx, target.entity_type, target.entity_id);
  const [link] = await tx
    .insert(documentLinks)
    .values({
      document_id: documentId,
      entity_type: target.entity_type,
      entity_id: target.entity_id,
      customer_id: customerId,
      created_by: audit.actorId,
    })
    .onConflictDoNothing()
    .returning();
  if (!link) {
    throw new HttpError(409, 'Conflict', `The document is already linked to this ${target.entity_type}`);
  }
  await recordAudit(tx, audit, {
    action: 'link',
    entityType: 'document',
    entityId: documentId,
    changes: { link: [null, { entity_type: target.entity_type, entity_id: target.entity_id }] },
  });
  return link;
}

function checkKind(input: NewDocument) {
  const kind = input.kind ?? 'attachment';
  if (kind === 'controlled' && !input.category) {
    throw invalidField('category', 'is required for a controlled document (sop, method, form…)');
  }
  if (kind === 'attachment' && input.category) {
    throw invalidField('category', 'only controlled documents have a category');
  }
  return kind;
}

/** A new document with its first version (and links). See the module comment above. */
export async function createDocumentFromFile(
  app: App,
  audit: AuditContext,
  input: NewDocument,
): Promise<StoredDocument> {
  const kind = checkKind(input);
  const file = await acceptFile(app, input.file);
  return keepOrDiscard(app, file, () =>
    app.db.transaction(async (tx) => {
      const doc = await insertEntity(tx, documentRef, audit, {
        number: await nextNumber(tx, 'DOC'),
        title: input.title?.trim() || file.filename,
        description: input.description ?? null,
        kind,
        category: input.category ?? null,
        status: kind === 'controlled' ? 'draft' : 'active',
        customer_visible: input.customer_visible ?? false,
        latest_version: 1,
        current_version: kind === 'attachment' ? 1 : null,
        created_by: audit.actorId,
      });
      const version = await insertVersion(tx, audit, doc.id, 1, file, input.change_note);
      for (const target of input.links ?? []) await linkDocument(tx, audit, doc.id, target);
      return stored(doc, version, file);
    }),
  );
}

/**
 * A new version of an existing document. `expected` is the If-Match version; `scope` the caller's
 * row scope. 409 for an obsolete or archived document.
 */
export async function addDocumentVersion(
  app: App,
  audit: AuditContext,
  documentId: string,
  file: IncomingFile,
  options: { changeNote?: string | null; expected?: number } = {},
): Promise<StoredDocument> {
  // fail fast (before taking the bytes) when the document is missing, archived or obsolete
  const before = await findVisible(app.db, documentRef, documentId);
  if (before.archived_at) throw new HttpError(409, 'Conflict', `document ${before.number} is archived`);
  stateAfterNewVersion(before, Number(before.latest_version) + 1);
  const accepted = await acceptFile(app, file);
  return keepOrDiscard(app, accepted, () =>
    app.db.transaction(async (tx) => {
      const current = await findVisible(tx, documentRef, documentId, undefined, true);
      const next = Number(current.latest_version) + 1;
      const { after } = await updateEntity(
        tx,
        documentRef,
        audit,
        documentId,
        stateAfterNewVersion(current, next),
        { expected: options.expected, action: 'update' },
      );
      const version = await insertVersion(tx, audit, documentId, next, accepted, options.changeNote);
      return stored(after, version, accepted);
    }),
  );
}

function stored(doc: Row, version: typeof documentVersions.$inferSelect, file: AcceptedFile): StoredDocument {
  return {
    document_id: doc.id,
    version_id: version.id,
    number: String(doc.number),
    version: version.version,
    storage_key: file.key,
    filename: file.filename,
    content_type: file.contentType,
    size: file.size,
    sha256: file.sha256,
  };
}
