import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ResponseOf } from '../../api/types';

export type AuthOptions = ResponseOf<'auth-options'>;

/** What this server offers signed-out visitors. Set at the server's boot, so it stays fresh for minutes. */
export const authOptionsQuery = queryOptions({
  queryKey: ['auth', 'options'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/auth/options')),
  staleTime: 5 * 60_000,
});
export const useAuthOptions = () => useQuery(authOptionsQuery);

/** The account calls that need no session: register, verify, resend, forgot and reset. */
export const register = (body: { email: string; password: string; full_name: string }) =>
  unwrap(api.POST('/api/v1/auth/register', { body }));

export const verifyEmail = (token: string) =>
  unwrap(api.POST('/api/v1/auth/verify-email', { body: { token } }));

export const resendVerification = (email: string) =>
  unwrap(api.POST('/api/v1/auth/resend-verification', { body: { email } }));

export const forgotPassword = (email: string) =>
  unwrap(api.POST('/api/v1/auth/forgot-password', { body: { email } }));

export const resetPassword = (token: string, new_password: string) =>
  unwrap(api.POST('/api/v1/auth/reset-password', { body: { token, new_password } }));
