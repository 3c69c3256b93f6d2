import type { FastifyRequest } from 'fastify';
import type { TObject } from 'typebox';
import { type FieldError, HttpError, invalidField, unprocessable } from '../../lib/errors.ts';
import { validatorCompiler } from '../../lib/validation.ts';

/**
 * Reading a multipart upload: text fields first, then exactly one file part named `file`, which
 * is handed on as a stream (never buffered). Fields are validated like a querystring (they are all
 * text on the wire) before the file is read, so a bad field costs no storage.
 */
export interface FilePart {
  stream: NodeJS.ReadableStream & import('node:stream').Readable;
  filename: string;
}

type Validator = ((data: unknown) => boolean) & {
  errors?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[] | null;
};

const compiled = new WeakMap<TObject, Validator>();

export function validateFields<T>(schema: TObject, raw: Record<string, string>): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = validatorCompiler({ schema, httpPart: 'querystring', method: 'POST', url: '' }) as never;
    compiled.set(schema, validate as Validator);
  }
  const data: Record<string, unknown> = { ...raw };
  if (!(validate as Validator)(data)) {
    const errors: FieldError[] = [];
    for (const e of (validate as Validator).errors ?? []) {
      const field =
        (e.params?.missingProperty as string | undefined) ?? e.instancePath?.replace(/^\//, '') ?? 'body';
      if (!errors.some((x) => x.field === field)) errors.push({ field, message: e.message ?? 'is invalid' });
    }
    throw unprocessable(errors);
  }
  return data as T;
}

/**
 * Walks the parts of a multipart request, calling `onFile` for the one file with the validated
 * fields that came before it. 415 when the request is not multipart; 422 naming `file` when no
 * file came.
 */
export async function withUpload<F, R>(
  req: FastifyRequest,
  schema: TObject,
  onFile: (fields: F, file: FilePart) => Promise<R>,
): Promise<R> {
  if (!req.isMultipart()) {
    throw new HttpError(415, 'Unsupported Media Type', 'Send the upload as multipart/form-data', {
      errors: [{ field: 'file', message: 'must be sent as multipart/form-data' }],
    });
  }
  const raw: Record<string, string> = {};
  let result: { value: R } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      if (result) continue; // after the file: already acted on; documented as ignored
      raw[part.fieldname] = String(part.value ?? '');
      continue;
    }
    if (part.fieldname !== 'file' || result) {
      part.file.resume();
      throw invalidField(part.fieldname, result ? 'send one file per request' : 'send the file as "file"');
    }
    let fields: F;
    try {
      fields = validateFields<F>(schema, raw);
    } catch (err) {
      part.file.resume();
      throw err;
    }
    result = { value: await onFile(fields, { stream: part.file, filename: part.filename }) };
  }
  if (!result) throw invalidField('file', 'is required: send one file as the "file" part');
  return result.value;
}
