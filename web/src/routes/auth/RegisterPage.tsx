import { Alert, Anchor, Button, Center, Loader, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/problem';
import { FormError } from '../../components/forms/FormError';
import { PasswordInput } from '../../components/forms/PasswordInput';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { register, useAuthOptions } from '../../features/auth/api';
import { AuthCard } from '../../features/auth/components/AuthCard';
import { passwordProblem } from '../../features/auth/components/PasswordRules';

export function RegisterPage() {
  const options = useAuthOptions();
  const [done, setDone] = useState<string | null>(null);
  // the server's 403 also closes the form, should its options have been unreachable or out of date
  const [refused, setRefused] = useState(false);
  const disabled = refused || options.data?.registration_enabled === false;
  const form = useForm({
    initialValues: { full_name: '', email: '', password: '' },
    validate: {
      full_name: (v) => (v.trim() ? null : 'Enter your name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      password: passwordProblem,
    },
  });
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) => register({ full_name: v.full_name.trim(), email: v.email.trim(), password: v.password }),
    {
      onSuccess: (_r, v) => setDone(v.email.trim()),
      // 403 = registration is switched off on this server
      onError: (error) => {
        if (!isApiError(error, 403)) return false;
        setRefused(true);
        return true;
      },
    },
  );
  const footer = (
    <>
      Already have an account?{' '}
      <Anchor component={Link} to="/login">
        Sign in
      </Anchor>
    </>
  );
  if (disabled)
    return (
      <AuthCard title="Registration is closed" footer={footer}>
        <Alert color="blue" title="This server does not accept new accounts">
          Registration is closed — ask your lab administrator for an account.
        </Alert>
      </AuthCard>
    );
  if (options.isPending)
    return (
      <AuthCard title="Create an account" footer={footer}>
        <Center py="xl">
          <Loader size="sm" aria-label="Loading" />
        </Center>
      </AuthCard>
    );
  if (done)
    return (
      <AuthCard title="Check your e-mail" footer={footer}>
        <Alert color="green" title="Almost there">
          We sent a confirmation link to <strong>{done}</strong>. Open it to activate your account, then sign
          in.
        </Alert>
        <Anchor
          component={Link}
          to={`/verify-email?email=${encodeURIComponent(done)}`}
          size="sm"
          mt="md"
          display="block"
        >
          Did not get it? Send it again
        </Anchor>
      </AuthCard>
    );
  return (
    <AuthCard title="Create an account" footer={footer}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <FormError message={formError} />
          <TextInput label="Full name" autoComplete="name" required {...form.getInputProps('full_name')} />
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            description="8 characters or more"
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={pending} fullWidth>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
