import { Type } from 'typebox';
import { users } from '../../db/schema/index.ts';
import { ROLES, type Role } from '../../db/schema/users.ts';
import type { ListSpec } from '../../lib/list.ts';
import { pageSchema } from '../../lib/list.ts';
import { PASSWORD_RULES } from '../../lib/passwords.ts';
import { Email, EntityFields, Id, Nullable, Text, Timestamp } from '../../lib/schemas.ts';

export const RoleSchema = Type.Unsafe<Role>({ type: 'string', enum: [...ROLES], title: 'Role' });

/** A user as the API shows it: never the password hash or lockout counters. */
export const UserPublic = Type.Object(
  {
    ...EntityFields,
    email: Type.String(),
    full_name: Type.String(),
    role: RoleSchema,
    customer_id: Nullable(Id),
    is_active: Type.Boolean(),
    email_verified_at: Nullable(Timestamp),
    last_login_at: Nullable(Timestamp),
  },
  { title: 'User' },
);

const version = Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' }));
const customerId = Type.Optional(
  Nullable(
    Type.String({
      format: 'uuid',
      description: 'Required for the customer role (the customer it is bound to); cleared for other roles',
    }),
  ),
);

/**
 * POST body. Without a password the account gets a random, unusable one and the user is mailed an
 * invitation link to choose their own.
 */
export const UserCreate = Type.Object(
  {
    email: Email,
    full_name: Text(200, 1),
    role: RoleSchema,
    customer_id: customerId,
    password: Type.Optional(
      Type.String({
        ...PASSWORD_RULES,
        description: 'Omit to e-mail the user an invitation link instead',
      }),
    ),
  },
  { additionalProperties: false, title: 'UserCreate' },
);

/** The fields an administrator may change; the e-mail and password belong to the user. */
const editable = {
  full_name: Text(200, 1),
  role: RoleSchema,
  customer_id: customerId,
  is_active: Type.Optional(Type.Boolean({ default: true })),
};
export const EDITABLE_FIELDS = Object.keys(editable) as (keyof typeof editable)[];

/** PUT body: a client may send back what it GOT; read-only fields are dropped. */
export const UserReplace = Type.Object(
  { ...editable, version },
  { additionalProperties: false, title: 'UserReplace' },
);
export const UserUpdate = Type.Object(
  {
    full_name: Type.Optional(editable.full_name),
    role: Type.Optional(RoleSchema),
    customer_id: customerId,
    is_active: Type.Optional(Type.Boolean()),
    version,
  },
  { additionalProperties: false, title: 'UserUpdate' },
);

export const UsersPage = pageSchema(UserPublic, 'UsersPage');

/** The columns a list reads: the public ones only, so a hash never even leaves the database. */
export const USER_PUBLIC_COLUMNS = {
  id: users.id,
  created_at: users.created_at,
  updated_at: users.updated_at,
  version: users.version,
  archived_at: users.archived_at,
  email: users.email,
  full_name: users.full_name,
  role: users.role,
  customer_id: users.customer_id,
  is_active: users.is_active,
  email_verified_at: users.email_verified_at,
  last_login_at: users.last_login_at,
};

export const USER_CSV_COLUMNS = Object.keys(USER_PUBLIC_COLUMNS);

export const userListSpec: ListSpec = {
  table: users,
  idColumn: users.id,
  archivedColumn: users.archived_at,
  defaultSort: 'email',
  sortable: {
    email: { column: users.email },
    full_name: { column: users.full_name },
    created_at: { column: users.created_at },
    last_login_at: { column: users.last_login_at, nullable: true },
  },
  searchable: [users.email, users.full_name],
  filters: {
    role: { column: users.role, kind: 'enum', values: ROLES },
    is_active: { column: users.is_active, kind: 'boolean' },
    customer_id: { column: users.customer_id, kind: 'uuid' },
  },
};

/** A live sign-in of a user (one per device); ending it kills its access tokens at once. */
export const SessionPublic = Type.Object(
  {
    id: Id,
    created_at: Timestamp,
    last_used_at: Timestamp,
    idle_expires_at: Timestamp,
    absolute_expires_at: Timestamp,
    user_agent: Nullable(Type.String()),
    ip: Nullable(Type.String()),
  },
  { title: 'Session' },
);
export const SessionList = Type.Object({ items: Type.Array(SessionPublic) }, { title: 'SessionList' });
