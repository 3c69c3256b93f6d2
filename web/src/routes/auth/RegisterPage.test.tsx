import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { type AuthOptions, authOptionsQuery } from '../../features/auth/api';
import { RegisterInvite } from '../../features/auth/components/RegisterInvite';
import { RegisterPage } from './RegisterPage';

/** Renders with the server's answer to GET /auth/options already in the query cache (fresh). */
function renderWithOptions(ui: ReactNode, options: AuthOptions) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(authOptionsQuery.queryKey, options);
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: ['/register'] });
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const open = { registration_enabled: true, email_verification_required: true };
const closed = { registration_enabled: false, email_verification_required: true };

describe('self-registration switched off on the server (REGISTRATION_ENABLED=false)', () => {
  it('shows /register as closed, with no form to fill in', () => {
    renderWithOptions(<RegisterPage />, closed);
    expect(screen.getByRole('heading', { name: 'Registration is closed' })).toBeInTheDocument();
    expect(
      screen.getByText('Registration is closed — ask your lab administrator for an account.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create account' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  });

  it('drops the "Create an account" link from the sign-in page and says whom to ask', () => {
    renderWithOptions(<RegisterInvite />, closed);
    expect(screen.queryByRole('link', { name: 'Create an account' })).not.toBeInTheDocument();
    expect(screen.getByText('No account yet? Ask your lab administrator.')).toBeInTheDocument();
  });
});

describe('self-registration open', () => {
  it('shows the registration form', () => {
    renderWithOptions(<RegisterPage />, open);
    expect(screen.getByRole('heading', { name: 'Create an account' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Full name' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create account' })).toBeInTheDocument();
  });

  it('links the sign-in page to it', () => {
    renderWithOptions(<RegisterInvite />, open);
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/register');
  });
});
