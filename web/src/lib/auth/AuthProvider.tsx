import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, session } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Me } from '../../api/types';

export type AuthStatus = 'booting' | 'signed-in' | 'signed-out';

export interface AuthContextValue {
  status: AuthStatus;
  user: Me | null;
  /** Why the user is signed out: a deliberate logout returns to /login without `next`. */
  reason: 'logout' | 'expired' | null;
  signIn(email: string, password: string): Promise<Me>;
  signOut(options?: { everywhere?: boolean }): Promise<void>;
  reloadUser(): Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('labline-auth');

const loadMe = () => unwrap(api.GET('/api/v1/users/me'));

/**
 * Holds who is signed in. On boot it renews the access token through the refresh cookie, so a
 * reload keeps the user signed in; when a refresh finally fails (session ended elsewhere) it
 * flips to signed-out and the route guard sends the user to /login?next=…
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<Pick<AuthContextValue, 'status' | 'user' | 'reason'>>({
    status: 'booting',
    user: null,
    reason: null,
  });
  const booted = useRef(false);

  const signedOut = useCallback(
    (reason: 'logout' | 'expired') => {
      session.clear();
      queryClient.clear();
      setState({ status: 'signed-out', user: null, reason });
    },
    [queryClient],
  );

  const resume = useCallback(async () => {
    try {
      if (!(await session.refresh())) return setState({ status: 'signed-out', user: null, reason: null });
      setState({ status: 'signed-in', user: await loadMe(), reason: null });
    } catch {
      setState({ status: 'signed-out', user: null, reason: null });
    }
  }, []);

  useEffect(() => {
    if (booted.current) return;
    booted.current = true;
    void resume();
  }, [resume]);

  useEffect(() => {
    const off = session.subscribe((event) => {
      if (event === 'lost') signedOut('expired');
    });
    const onMessage = (message: MessageEvent) => {
      if (message.data === 'logout') signedOut('logout');
      if (message.data === 'login' && !session.isSignedIn()) void resume();
    };
    channel?.addEventListener('message', onMessage);
    return () => {
      off();
      channel?.removeEventListener('message', onMessage);
    };
  }, [signedOut, resume]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const pair = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
      session.setTokens(pair);
      queryClient.clear();
      const user = await loadMe();
      setState({ status: 'signed-in', user, reason: null });
      channel?.postMessage('login');
      return user;
    },
    [queryClient],
  );

  const signOut = useCallback(
    async ({ everywhere = false } = {}) => {
      // The server ends the session and clears the cookie; even if it is unreachable, this tab
      // forgets everything it holds.
      await (everywhere ? api.POST('/api/v1/auth/logout-all') : api.POST('/api/v1/auth/logout')).catch(
        () => undefined,
      );
      signedOut('logout');
      channel?.postMessage('logout');
    },
    [signedOut],
  );

  const reloadUser = useCallback(async () => {
    const user = await loadMe();
    setState((s) => ({ ...s, user }));
  }, []);

  const value = useMemo(
    () => ({ ...state, signIn, signOut, reloadUser }),
    [state, signIn, signOut, reloadUser],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
