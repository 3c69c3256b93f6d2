import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ResponseOf } from '../../api/types';

export type MySession = ResponseOf<'auth-sessions-list'>[number];

export const sessionsQuery = queryOptions({
  queryKey: ['account', 'sessions'],
  queryFn: () => unwrap(api.GET('/api/v1/auth/sessions')),
});

export const useMySessions = () => useQuery(sessionsQuery);

export const endSession = (id: string) =>
  unwrap(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } }));

/** Ends every session except this one, one by one (logout-all would end this one too). */
export async function endOtherSessions(sessions: MySession[]) {
  for (const s of sessions.filter((s) => !s.current)) await endSession(s.id);
}

export const updateMe = (body: { current_password: string; full_name?: string; password?: string }) =>
  unwrap(api.PATCH('/api/v1/users/me', { body }));
