import { Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Me } from '../../../api/types';
import { FormError } from '../../../components/forms/FormError';
import { PasswordInput } from '../../../components/forms/PasswordInput';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { notifySuccess } from '../../../lib/notify';
import { updateMe } from '../api';

export function ProfileForm({ me, onSaved }: { me: Me; onSaved: () => void }) {
  const form = useForm({
    initialValues: { full_name: me.full_name, current_password: '' },
    validate: {
      full_name: (v) => (v.trim() ? null : 'Enter your name'),
      current_password: (v) => (v ? null : 'Confirm with your password'),
    },
  });
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) => updateMe({ full_name: v.full_name.trim(), current_password: v.current_password }),
    {
      onSuccess: () => {
        form.setFieldValue('current_password', '');
        notifySuccess('Your name was saved.');
        onSaved();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={420}>
        <FormError message={formError} />
        <TextInput label="E-mail" value={me.email} readOnly description="Ask an administrator to change it" />
        <TextInput label="Full name" autoComplete="name" required {...form.getInputProps('full_name')} />
        <PasswordInput
          label="Current password"
          description="Needed for any change to your account"
          autoComplete="current-password"
          required
          {...form.getInputProps('current_password')}
        />
        <Button type="submit" loading={pending} w="fit-content">
          Save
        </Button>
      </Stack>
    </form>
  );
}
