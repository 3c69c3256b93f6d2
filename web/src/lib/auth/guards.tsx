import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../../api/types';
import { Forbidden } from '../../components/ui/Forbidden';
import { hasRole } from './roles';
import { useAuth } from './useAuth';

export function FullPageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center h="100vh" role="status" aria-label={label}>
      <Loader />
    </Center>
  );
}

/** Renders its children for a signed-in user; otherwise sends them to /login?next=<here>. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, reason } = useAuth();
  const location = useLocation();
  if (status === 'booting') return <FullPageLoader label="Signing in" />;
  if (status === 'signed-out') {
    const here = location.pathname + location.search;
    const to = reason === 'logout' || here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}

/** Renders its children when the user has one of the roles; a 403 page otherwise. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  return hasRole(user?.role, roles) ? children : <Forbidden />;
}
