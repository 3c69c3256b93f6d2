import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/problem';
import { FormError } from '../../components/forms/FormError';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { register } from '../../features/auth/api';
import { AuthCard } from '../../features/auth/components/AuthCard';
import { passwordProblem } from '../../features/auth/components/PasswordRules';

export function RegisterPage() {
  const [done, setDone] = useState<string | null>(null);
  const [disabled, setDisabled] = useState(false);
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
        setDisabled(true);
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
      <AuthCard title="Create an account" footer={footer}>
        <Alert color="blue" title="Registration is closed">
          This Labline server does not accept new accounts. Ask your administrator for an invitation.
        </Alert>
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
