import { invalidField } from './errors.ts';

/**
 * The version a write is conditional on: from `If-Match: "3"` (or W/"3", or a bare 3), or from a
 * `version` field in the body. Both given and different → 422; neither → unconditional.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: unknown): number | undefined {
  let fromHeader: number | undefined;
  if (ifMatch !== undefined && ifMatch.trim() !== '*') {
    const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
    if (!match) throw invalidField('If-Match', 'must be an ETag from this API, like "3"');
    fromHeader = Number(match[1]);
  }
  if (bodyVersion !== undefined && bodyVersion !== null) {
    if (typeof bodyVersion !== 'number' || !Number.isInteger(bodyVersion) || bodyVersion < 1) {
      throw invalidField('version', 'must be a positive integer');
    }
    if (fromHeader !== undefined && fromHeader !== bodyVersion) {
      throw invalidField('version', 'differs from If-Match');
    }
    return bodyVersion;
  }
  return fromHeader;
}

export const etag = (version: number) => `"${version}"`;
