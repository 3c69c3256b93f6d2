import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../components/forms/FormError';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { forgotPassword } from '../../features/auth/api';
import { AuthCard } from '../../features/auth/components/AuthCard';

export function ForgotPasswordPage() {
  const [sent, setSent] = useState(false);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (v.trim() ? null : 'Enter your e-mail address') },
  });
  const { onSubmit, pending, formError } = useFormSubmit(form, (v) => forgotPassword(v.email.trim()), {
    onSuccess: () => setSent(true),
  });
  return (
    <AuthCard
      title="Forgot your password?"
      footer={
        <Anchor component={Link} to="/login">
          Back to sign in
        </Anchor>
      }
    >
      {sent ? (
        <Alert color="green" title="Check your e-mail">
          If an account uses that address, we sent it a link to choose a new password. The link works once,
          for one hour.
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <FormError message={formError} />
            <TextInput
              label="E-mail"
              description="We will send a link to choose a new password"
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={pending}>
              Send the link
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
