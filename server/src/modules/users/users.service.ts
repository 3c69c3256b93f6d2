import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import type { Role } from '../../db/schema/users.ts';
import { diff, recordAudit } from '../../lib/audit.ts';
import { archiveEntity, findVisible, restoreEntity, updateEntity } from '../../lib/crud.ts';
import { conflict, invalidField } from '../../lib/errors.ts';
import type { RevokeReason } from '../../lib/sessions.ts';
import { randomToken } from '../../lib/tokens.ts';
import type { App } from '../../types.ts';
import {
  createResetToken,
  customerIsBindable,
  lockAdminChanges,
  otherActiveAdmins,
  revokeUserSessions,
  userRef,
} from './users.repo.ts';

/**
 * The rules of user administration:
 * - a `customer` user is bound to one existing, non-archived customer; other roles to none;
 * - the last active administrator can be neither demoted, deactivated nor archived;
 * - a permission change (role, customer binding), a deactivation or an archive ends the user's
 *   sessions in the same transaction, and every instance drops its cached session state after the
 *   commit, so the user's access tokens answer 401 at once rather than at their expiry.
 */
export type UserRow = typeof users.$inferSelect;

export interface UserFields {
  full_name?: string;
  role?: Role;
  customer_id?: string | null;
  is_active?: boolean;
}

const INVITE_VALID_MS = 7 * 24 * 3600_000;
const PUBLIC_CREATE_FIELDS = ['email', 'full_name', 'role', 'customer_id', 'is_active'] as const;

/** The customer_id to store for a role: required and checked for `customer`, cleared otherwise. */
async function bindingFor(tx: Db, role: Role, customerId: string | null | undefined): Promise<string | null> {
  if (role !== 'customer') return null;
  if (!customerId) throw invalidField('customer_id', 'is required for the customer role');
  if (!(await customerIsBindable(tx, customerId))) {
    throw invalidField('customer_id', `customer ${customerId} does not exist or is archived`);
  }
  return customerId;
}

async function guardLastAdmin(tx: Db, before: UserRow, staysAdmin: boolean, doing: string) {
  const wasAdmin = before.role === 'admin' && before.is_active && !before.archived_at;
  if (!wasAdmin || staysAdmin) return;
  if ((await otherActiveAdmins(tx, before.id)) === 0) {
    throw conflict(
      `${before.email} is the last active administrator and cannot be ${doing}; make another user an administrator first`,
    );
  }
}

/** Why a change must end the user's sessions, if it must. */
function revocationReason(before: UserRow, after: UserRow): RevokeReason | undefined {
  if (before.is_active && !after.is_active) return 'deactivated';
  if (before.role !== after.role || before.customer_id !== after.customer_id) return 'permissions_changed';
  return undefined;
}

function inviteMail(app: App, user: UserRow, token: string) {
  const link = `${app.config.PUBLIC_URL}/reset-password?token=${token}`;
  return {
    to: user.email,
    subject: 'Your Labline account',
    text: [
      `Hello ${user.full_name || user.email},`,
      '',
      `An account was created for you on Labline (${user.email}, role ${user.role}).`,
      'Choose your password with this link; it works once, within 7 days:',
      '',
      link,
    ].join('\n'),
  };
}

export interface NewUser {
  email: string;
  full_name: string;
  role: Role;
  customer_id?: string | null;
  password?: string;
}

/**
 * Creates a user. Without a password the account gets a random one nobody knows and an invitation
 * mail with a one-time reset link, written in the same transaction (no user without their mail,
 * no mail for a rolled-back user) and sent after the commit.
 */
export async function createUser(app: App, req: FastifyRequest, input: NewUser): Promise<UserRow> {
  const invite = input.password === undefined;
  // hashed before the transaction opens: argon2 takes tens of milliseconds
  const password_hash = await app.passwords.hash(input.password ?? randomToken());
  const user = await app.db.transaction(async (tx) => {
    const customer_id = await bindingFor(tx, input.role, input.customer_id);
    const [row] = await tx
      .insert(users)
      .values({
        email: input.email.trim().toLowerCase(),
        full_name: input.full_name,
        role: input.role,
        customer_id,
        password_hash,
        // with a password the administrator vouches for the address; an invitee proves it by using the link
        email_verified_at: invite ? null : new Date(),
      })
      .returning();
    if (invite) {
      const token = await createResetToken(tx, row.id, INVITE_VALID_MS);
      await app.mailer.queue(tx, inviteMail(app, row, token));
    }
    const shown = Object.fromEntries(PUBLIC_CREATE_FIELDS.map((k) => [k, row[k]]));
    await recordAudit(tx, req.audit, {
      action: 'create',
      entityType: userRef.name,
      entityId: row.id,
      changes: { ...diff(null, shown, []), ...(invite ? { invited: [null, true] } : {}) },
    });
    return row;
  });
  if (invite) {
    app.mailer.deliver().catch((err) => app.log.warn({ err }, 'invitation mail not sent yet; will retry'));
  }
  return user;
}

/** PATCH/PUT: applies the admin-editable fields under the rules above, at `expected` version. */
export async function changeUser(
  app: App,
  req: FastifyRequest,
  id: string,
  fields: UserFields,
  expected: number | undefined,
): Promise<UserRow> {
  const { before, after } = await app.db.transaction(async (tx) => {
    await lockAdminChanges(tx);
    const current = (await findVisible(tx, userRef, id, undefined, true)) as unknown as UserRow;
    const patch: UserFields = { ...fields };
    if (patch.role !== undefined || patch.customer_id !== undefined) {
      patch.customer_id = await bindingFor(
        tx,
        patch.role ?? current.role,
        patch.customer_id !== undefined ? patch.customer_id : current.customer_id,
      );
    }
    const next = { ...current, ...patch } as UserRow;
    await guardLastAdmin(
      tx,
      current,
      next.role === 'admin' && next.is_active,
      next.is_active ? 'demoted' : 'deactivated',
    );
    const reason = revocationReason(current, next);
    if (reason && !current.archived_at) await revokeUserSessions(tx, id, reason);
    const result = await updateEntity(tx, userRef, req.audit, id, patch as Record<string, unknown>, {
      expected,
    });
    return result as unknown as { before: UserRow; after: UserRow };
  });
  if (after.version !== before.version) await app.invalidate({ type: 'user.changed', userId: id });
  return after;
}

/** DELETE: archives the user and ends their sessions. */
export async function archiveUser(app: App, req: FastifyRequest, id: string, expected: number | undefined) {
  await app.db.transaction(async (tx) => {
    await lockAdminChanges(tx);
    const current = (await findVisible(tx, userRef, id, undefined, true)) as unknown as UserRow;
    await guardLastAdmin(tx, current, false, 'archived');
    if (!current.archived_at) await revokeUserSessions(tx, id, 'archived');
    await archiveEntity(tx, userRef, req.audit, id, { expected });
  });
  await app.invalidate({ type: 'user.changed', userId: id });
}

export async function restoreUser(app: App, req: FastifyRequest, id: string, expected: number | undefined) {
  const row = await app.db.transaction((tx) => restoreEntity(tx, userRef, req.audit, id, { expected }));
  await app.invalidate({ type: 'user.changed', userId: id });
  return row as unknown as UserRow;
}

/** DELETE /users/{id}/sessions: signs the user out everywhere. */
export async function endUserSessions(app: App, req: FastifyRequest, id: string): Promise<void> {
  await app.db.transaction(async (tx) => {
    await findVisible(tx, userRef, id);
    const ended = await revokeUserSessions(tx, id, 'revoked_by_admin');
    await recordAudit(tx, req.audit, {
      action: 'revoke_sessions',
      entityType: userRef.name,
      entityId: id,
      changes: { sessions_ended: [null, ended.length] },
    });
  });
  await app.invalidate({ type: 'user.changed', userId: id });
}
