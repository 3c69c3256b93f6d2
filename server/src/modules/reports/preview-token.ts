import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived capability URLs for the inline PDF preview: an iframe cannot send the bearer token,
 * so a caller who may read a report gets a URL that works for that one PDF for a few minutes.
 * HMAC-SHA256 over (purpose, id, expiry) with the app's secret; nothing is stored.
 */
const LIFETIME_SECONDS = 10 * 60;

const mac = (secret: string, kind: string, id: string, exp: number) =>
  createHmac('sha256', secret).update(`pdf-preview\n${kind}\n${id}\n${exp}`).digest('base64url');

export function previewToken(secret: string, kind: string, id: string, now = Date.now()) {
  const exp = Math.floor(now / 1000) + LIFETIME_SECONDS;
  return `${exp}.${mac(secret, kind, id, exp)}`;
}

export function checkPreviewToken(secret: string, kind: string, id: string, token: string, now = Date.now()) {
  const [expText, sig] = token.split('.');
  const exp = Number(expText);
  if (!Number.isInteger(exp) || !sig || exp < Math.floor(now / 1000)) return false;
  const expected = Buffer.from(mac(secret, kind, id, exp));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
