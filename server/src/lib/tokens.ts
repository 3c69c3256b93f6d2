import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/**
 * Access tokens: HS256 JWTs naming the user (`sub`) and the session (`sid`), typed `access` so a
 * token of another kind is never accepted. Refresh and mail tokens are opaque random strings,
 * stored only as SHA-256 hashes.
 */
export class TokenService {
  private key: KeyObject;
  private sealKey: Buffer;
  constructor(
    secret: string,
    private accessTtlSeconds: number,
  ) {
    // A KeyObject made once: given raw bytes, jose would import the key again on every sign and verify.
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
    this.sealKey = createHash('sha256').update(`seal:${secret}`).digest();
  }

  get accessTtl() {
    return this.accessTtlSeconds;
  }

  async signAccess(userId: string, sessionId: string): Promise<string> {
    return (
      new SignJWT({ sid: sessionId, typ: 'access' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        // a unique id, so two tokens issued in the same second (login then refresh) still differ
        .setJti(randomBytes(12).toString('base64url'))
        .setIssuedAt()
        .setIssuer('labline')
        .setExpirationTime(Math.floor(Date.now() / 1000) + this.accessTtlSeconds)
        .sign(this.key)
    );
  }

  /** Returns the claims, or null for any token that is not a valid, unexpired access token. */
  async verifyAccess(token: string): Promise<{ userId: string; sessionId: string } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'labline' });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string')
        return null;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) return null;
      throw err;
    }
  }

  /** Encrypts a short-lived secret for storage (the successor pair replayed to parallel refreshes). */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
  }

  unseal(sealed: string): string | null {
    try {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

/** 256 random bits, URL-safe. */
export const randomToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
