import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from 'react-router';
import { FormError } from '../../../components/forms/FormError';
import { PasswordInput } from '../../../components/forms/PasswordInput';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';

export function LoginForm({ onSubmit }: { onSubmit: (email: string, password: string) => Promise<unknown> }) {
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : 'Enter your e-mail address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });
  const {
    onSubmit: submit,
    pending,
    formError,
  } = useFormSubmit(form, (v) => onSubmit(v.email.trim(), v.password));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={formError} title="Could not sign in" />
        <TextInput
          label="E-mail"
          type="email"
          autoComplete="username"
          required
          data-autofocus
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={pending} fullWidth>
          Sign in
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
          Forgot your password?
        </Anchor>
      </Stack>
    </form>
  );
}
