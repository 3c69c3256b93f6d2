import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FormError } from '../../components/forms/FormError';
import { PasswordInput } from '../../components/forms/PasswordInput';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { resetPassword } from '../../features/auth/api';
import { AuthCard } from '../../features/auth/components/AuthCard';
import { passwordProblem } from '../../features/auth/components/PasswordRules';

/** Opened from the e-mail link (/reset-password?token=…). */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { new_password: '', confirm: '' },
    validate: {
      new_password: passwordProblem,
      confirm: (v, values) => (v === values.new_password ? null : 'The passwords do not match'),
    },
  });
  const { onSubmit, pending, formError } = useFormSubmit(form, (v) => resetPassword(token, v.new_password), {
    onSuccess: () => navigate('/login?reset=1', { replace: true }),
  });
  const footer = (
    <Anchor component={Link} to="/forgot-password">
      Ask for a new link
    </Anchor>
  );
  if (!token)
    return (
      <AuthCard title="Choose a new password" footer={footer}>
        <Alert color="red">This page needs the link from the e-mail.</Alert>
      </AuthCard>
    );
  return (
    <AuthCard title="Choose a new password" footer={footer}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <FormError message={formError} />
          <PasswordInput
            label="New password"
            description="At least 8 characters. Every session of your account is signed out."
            autoComplete="new-password"
            required
            {...form.getInputProps('new_password')}
          />
          <PasswordInput
            label="Repeat it"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={pending}>
            Set the new password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
