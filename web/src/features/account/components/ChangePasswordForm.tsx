import { Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormError } from '../../../components/forms/FormError';
import { PasswordInput } from '../../../components/forms/PasswordInput';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { notifySuccess } from '../../../lib/notify';
import { updateMe } from '../api';

export function ChangePasswordForm() {
  const form = useForm({
    initialValues: { current_password: '', password: '', confirm: '' },
    validate: {
      current_password: (v) => (v ? null : 'Enter your current password'),
      password: (v) => (v.length >= 8 ? null : 'At least 8 characters'),
      confirm: (v, values) => (v === values.password ? null : 'The passwords do not match'),
    },
  });
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) => updateMe({ current_password: v.current_password, password: v.password }),
    {
      onSuccess: () => {
        form.reset();
        notifySuccess('Your other sessions were signed out.', 'Password changed');
      },
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={420}>
        <FormError message={formError} />
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          {...form.getInputProps('current_password')}
        />
        <PasswordInput
          label="New password"
          description="At least 8 characters. Your other sessions will be signed out."
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <PasswordInput
          label="Repeat the new password"
          autoComplete="new-password"
          required
          {...form.getInputProps('confirm')}
        />
        <Button type="submit" loading={pending} w="fit-content">
          Change password
        </Button>
      </Stack>
    </form>
  );
}
