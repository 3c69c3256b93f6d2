import { session } from '../api/client';
import { ApiError, type Problem } from '../api/problem';

export interface UploadOptions {
  url: string;
  file: File;
  /** Form field name of the file part (multipart/form-data). */
  field?: string;
  extra?: Record<string, string>;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

function once(options: UploadOptions, token: string | null): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new TypeError('Network error during upload'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    for (const [key, value] of Object.entries(options.extra ?? {})) form.append(key, value);
    form.append(options.field ?? 'file', options.file);
    xhr.send(form);
  });
}

/**
 * Uploads a file with XMLHttpRequest (fetch cannot report upload progress). Starts with a token
 * that has at least half its lifetime left, so a file is not sent twice for an expired token; on a
 * 401 all the same (a session renewed elsewhere) it renews the token once and starts again.
 */
export async function uploadFile<T = unknown>(options: UploadOptions): Promise<T> {
  let result = await once(options, await session.freshToken());
  if (result.status === 401 && (await session.refresh())) {
    options.onProgress?.(0);
    result = await once(options, session.getToken());
  }
  if (result.status < 200 || result.status >= 300)
    throw new ApiError(result.status, (result.body ?? {}) as Problem);
  return result.body as T;
}
