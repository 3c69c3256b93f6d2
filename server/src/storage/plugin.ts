import fp from 'fastify-plugin';
import type { FileStorage } from './file-storage.ts';
import { LocalFolderStorage } from './local-folder.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Uploaded files (documents, report PDFs, certificates): see storage/file-storage.ts. */
    storage: FileStorage;
  }
}

/**
 * Decorates the app with its file storage: the folder UPLOAD_DIR today. Registered before the
 * modules so every module (documents, reports, certificates, calibration) can store files.
 */
export default fp(
  async (app) => {
    app.decorate('storage', new LocalFolderStorage(app.config.uploadDir));
  },
  { name: 'storage' },
);
