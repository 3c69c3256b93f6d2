import { Type } from 'typebox';
import { PASSWORD_RULES } from '../../lib/passwords.ts';
import { Email, Id, Nullable, Text, Timestamp } from '../../lib/schemas.ts';

/** A new password: 8 to 128 characters (argon2 hashes any length; the cap bounds the work). */
export const NewPassword = Type.String({
  ...PASSWORD_RULES,
  description: `${PASSWORD_RULES.minLength} to ${PASSWORD_RULES.maxLength} characters`,
});
/** A password being checked, never stored: only bounded. */
const GivenPassword = Type.String({ minLength: 1, maxLength: 1024 });

export const LoginJson = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: GivenPassword,
  },
  { title: 'LoginJson' },
);
/** OAuth2 password flow form: the e-mail goes in `username`. */
export const LoginForm = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 254, description: 'The e-mail address' }),
    password: GivenPassword,
    grant_type: Type.Optional(Text(50)),
    scope: Type.Optional(Text(500)),
  },
  { title: 'LoginForm' },
);
/** One schema per content type, so OpenAPI shows both and each is validated on its own. */
export const LoginBody = {
  content: {
    'application/json': { schema: LoginJson },
    'application/x-www-form-urlencoded': { schema: LoginForm },
  },
};

export const TokenPair = Type.Object(
  {
    access_token: Type.String(),
    refresh_token: Type.String(),
    token_type: Type.Literal('bearer'),
    expires_in: Type.Integer({ description: 'Seconds until the access token expires' }),
  },
  { title: 'TokenPair' },
);

/** Refresh: the token in the body, or nothing at all when the `labline_refresh` cookie carries it. */
export const RefreshBody = Type.Union(
  [
    Type.Object(
      { refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })) },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
  { title: 'RefreshRequest', description: 'Omit the body (or the field) to use the refresh cookie' },
);

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: NewPassword,
    full_name: Text(200, 1),
  },
  { additionalProperties: false, title: 'RegisterRequest' },
);

export const EmailBody = Type.Object(
  { email: Email },
  { additionalProperties: false, title: 'EmailRequest' },
);

/** A one-time token from a mailed link. */
const MailToken = Type.String({ minLength: 1, maxLength: 512 });
export const TokenBody = Type.Object({ token: MailToken }, { additionalProperties: false });
export const ResetPasswordBody = Type.Object(
  { token: MailToken, new_password: NewPassword },
  { additionalProperties: false, title: 'ResetPasswordRequest' },
);

export const AuthOptions = Type.Object(
  {
    registration_enabled: Type.Boolean({
      description: 'POST /auth/register creates accounts (REGISTRATION_ENABLED); when false it is 403',
    }),
    email_verification_required: Type.Boolean({
      description: 'Login needs a confirmed e-mail address (REQUIRE_EMAIL_VERIFICATION)',
    }),
  },
  { title: 'AuthOptions' },
);

export const Message = Type.Object({ message: Type.String() }, { title: 'Message' });

export const SessionPublic = Type.Object(
  {
    id: Id,
    created_at: Timestamp,
    last_used_at: Timestamp,
    expires_at: Type.Unsafe<Date | string>({
      type: 'string',
      format: 'date-time',
      description: 'When the session ends unless refreshed (never after its absolute limit)',
    }),
    user_agent: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    current: Type.Boolean({ description: 'The session of the access token making this call' }),
  },
  { title: 'Session' },
);

export const MeUpdate = Type.Object(
  {
    full_name: Type.Optional(Text(200, 1)),
    password: Type.Optional(NewPassword),
    current_password: Type.String({
      minLength: 1,
      maxLength: 1024,
      description: 'Always required. A wrong one is 422 naming current_password; nothing is changed.',
    }),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'Same as If-Match' })),
  },
  {
    additionalProperties: false,
    title: 'UserMeUpdate',
    description:
      'Other fields (role, email, is_active…) are ignored. A new password ends every other session of the user.',
  },
);
