import { Alert, Text } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthCard } from '../../features/auth/components/AuthCard';
import { LoginForm } from '../../features/auth/components/LoginForm';
import { RegisterInvite } from '../../features/auth/components/RegisterInvite';
import { FullPageLoader } from '../../lib/auth/guards';
import { homeFor, safeNext } from '../../lib/auth/roles';
import { useAuth } from '../../lib/auth/useAuth';

export function LoginPage() {
  const { status, user, signIn, reason } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  if (status === 'booting') return <FullPageLoader label="Signing in" />;
  if (status === 'signed-in' && user) return <Navigate to={next ?? homeFor(user.role)} replace />;
  return (
    <AuthCard title="Sign in" footer={<RegisterInvite />}>
      {next && reason === 'expired' && (
        <Alert color="yellow" mb="md" title="Your session ended">
          Sign in again to continue where you were.
        </Alert>
      )}
      {params.get('reset') === '1' && (
        <Alert color="green" mb="md">
          Your password was changed. Sign in with the new one.
        </Alert>
      )}
      {params.get('verified') === '1' && (
        <Alert color="green" mb="md">
          Your e-mail address is confirmed. You can sign in now.
        </Alert>
      )}
      <LoginForm
        onSubmit={async (email, password) => {
          const me = await signIn(email, password);
          navigate(next ?? homeFor(me.role), { replace: true });
        }}
      />
      <Text size="xs" c="dimmed" mt="md" ta="center">
        You stay signed in on this device until you sign out.
      </Text>
    </AuthCard>
  );
}
