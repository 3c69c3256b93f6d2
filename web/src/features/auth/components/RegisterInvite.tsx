import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useAuthOptions } from '../api';

/**
 * The sign-in page's footer line: a link to self-registration, or who to ask when this server
 * has it switched off (REGISTRATION_ENABLED=false). While the options load, the line keeps its
 * place but stays invisible, so the card does not move; if they cannot be loaded the link shows
 * (the register page still learns from the server's 403).
 */
export function RegisterInvite() {
  const options = useAuthOptions();
  if (options.data?.registration_enabled === false) return <>No account yet? Ask your lab administrator.</>;
  return (
    <span style={options.isPending ? { visibility: 'hidden' } : undefined}>
      New here?{' '}
      <Anchor component={Link} to="/register">
        Create an account
      </Anchor>
    </span>
  );
}
