import { Card, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import type { Role } from '../../../api/types';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { PasswordInput } from '../../../components/forms/PasswordInput';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { createUser, type User } from '../api';
import { CustomerPicker } from './CustomerPicker';
import { ROLE_OPTIONS } from './roles';

export function UserCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (user: User, invited: boolean) => void;
  onCancel: () => void;
}) {
  const idempotencyKey = useRef(crypto.randomUUID());
  const form = useForm({
    initialValues: {
      email: '',
      full_name: '',
      role: 'viewer' as Role,
      customer_id: null as string | null,
      mode: 'invite' as 'invite' | 'password',
      password: '',
    },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      full_name: (v) => (v.trim() ? null : 'Enter the person’s name'),
      customer_id: (v, values) => (values.role === 'customer' && !v ? 'Choose the customer' : null),
      password: (v, values) => (values.mode === 'password' && v.length < 8 ? 'At least 8 characters' : null),
    },
  });
  const values = form.getValues();
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) =>
      createUser(
        {
          email: v.email.trim(),
          full_name: v.full_name.trim(),
          role: v.role,
          customer_id: v.role === 'customer' ? v.customer_id : null,
          password: v.mode === 'password' ? v.password : undefined,
        },
        idempotencyKey.current,
      ),
    { onSuccess: (user, v) => onCreated(user, v.mode === 'invite') },
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Card withBorder padding="lg" maw={560}>
        <Stack>
          <FormError message={formError} />
          <TextInput
            label="E-mail"
            type="email"
            required
            {...form.getInputProps('email')}
            key={form.key('email')}
          />
          <TextInput
            label="Full name"
            required
            {...form.getInputProps('full_name')}
            key={form.key('full_name')}
          />
          <Select
            label="Role"
            required
            allowDeselect={false}
            data={ROLE_OPTIONS.map((r) => ({ value: r.value, label: `${r.label} — ${r.description}` }))}
            {...form.getInputProps('role')}
            key={form.key('role')}
          />
          {values.role === 'customer' && (
            <CustomerPicker
              required
              value={values.customer_id}
              onChange={(v) => form.setFieldValue('customer_id', v)}
              error={form.errors.customer_id}
            />
          )}
          <Radio.Group
            label="How does the user get a password?"
            {...form.getInputProps('mode')}
            key={form.key('mode')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="invite" label="E-mail an invitation link (the user chooses it)" />
              <Radio value="password" label="Set an initial password now" />
            </Stack>
          </Radio.Group>
          {values.mode === 'password' && (
            <PasswordInput
              label="Initial password"
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
              key={form.key('password')}
            />
          )}
          <FormActions
            submitLabel={values.mode === 'invite' ? 'Create and invite' : 'Create user'}
            pending={pending}
            onCancel={onCancel}
          />
        </Stack>
      </Card>
    </form>
  );
}
