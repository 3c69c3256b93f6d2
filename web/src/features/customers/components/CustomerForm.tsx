import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import type { Customer, CustomerInput } from '../api';

export interface CustomerFormValues {
  company_name: string;
  email: string;
  phone: string;
  address: string;
  contact_person: string;
  is_active: boolean;
  notes: string;
  contacts: { name: string; email: string; phone: string; role: string }[];
}

export const CUSTOMER_FIELDS = [
  { key: 'company_name', label: 'Company name' },
  { key: 'email', label: 'E-mail' },
  { key: 'phone', label: 'Phone' },
  { key: 'address', label: 'Address' },
  { key: 'contact_person', label: 'Contact person' },
  { key: 'is_active', label: 'Active' },
  { key: 'notes', label: 'Notes' },
  { key: 'contacts', label: 'Contacts' },
];

export function toFormValues(customer?: Customer): CustomerFormValues {
  return {
    company_name: customer?.company_name ?? '',
    email: customer?.email ?? '',
    phone: customer?.phone ?? '',
    address: customer?.address ?? '',
    contact_person: customer?.contact_person ?? '',
    is_active: customer?.is_active ?? true,
    notes: customer?.notes ?? '',
    contacts: (customer?.contacts ?? []).map((c) => ({
      name: c.name,
      email: c.email ?? '',
      phone: c.phone ?? '',
      role: c.role ?? '',
    })),
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** Form values → the API body (empty optional text → null). */
export function toInput(values: CustomerFormValues): CustomerInput {
  return {
    company_name: values.company_name.trim(),
    email: values.email.trim(),
    phone: orNull(values.phone),
    address: orNull(values.address),
    contact_person: orNull(values.contact_person),
    is_active: values.is_active,
    notes: orNull(values.notes),
    contacts: values.contacts.map((c) => ({
      name: c.name.trim(),
      email: orNull(c.email),
      phone: orNull(c.phone),
      role: orNull(c.role),
    })),
  };
}

export function useCustomerForm(initial?: Customer) {
  return useForm<CustomerFormValues>({
    initialValues: toFormValues(initial),
    validate: {
      company_name: (v) => (v.trim() ? null : 'Enter the company name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      contacts: { name: (v) => (v.trim() ? null : 'Enter the contact’s name') },
    },
  });
}

export type CustomerFormApi = ReturnType<typeof useCustomerForm>;

export function CustomerForm({
  form,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
}: {
  form: CustomerFormApi;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
}) {
  const contacts = form.getValues().contacts;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <FormError message={formError} />
        <SectionCard title="Company">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Company name"
              required
              {...form.getInputProps('company_name')}
              key={form.key('company_name')}
            />
            <TextInput
              label="E-mail"
              type="email"
              required
              {...form.getInputProps('email')}
              key={form.key('email')}
            />
            <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} key={form.key('phone')} />
            <TextInput
              label="Contact person"
              {...form.getInputProps('contact_person')}
              key={form.key('contact_person')}
            />
            <Textarea
              label="Address"
              autosize
              minRows={2}
              {...form.getInputProps('address')}
              key={form.key('address')}
            />
            <Textarea
              label="Notes"
              autosize
              minRows={2}
              {...form.getInputProps('notes')}
              key={form.key('notes')}
            />
          </SimpleGrid>
          <Checkbox
            mt="md"
            label="Active customer"
            description="Inactive customers stay on record but are not offered for new work"
            {...form.getInputProps('is_active', { type: 'checkbox' })}
            key={form.key('is_active')}
          />
        </SectionCard>
        <SectionCard
          title="Contacts"
          actions={
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem('contacts', { name: '', email: '', phone: '', role: '' })}
            >
              Add contact
            </Button>
          }
        >
          {contacts.length === 0 && (
            <Text size="sm" c="dimmed">
              No contacts yet.
            </Text>
          )}
          <Stack gap="sm">
            {contacts.map((_, i) => (
              <Group
                key={form.key(`contacts.${i}`)}
                align="flex-start"
                gap="sm"
                wrap="wrap"
                data-testid="contact-row"
              >
                <TextInput
                  label="Name"
                  required
                  {...form.getInputProps(`contacts.${i}.name`)}
                  key={form.key(`contacts.${i}.name`)}
                  w={200}
                />
                <TextInput
                  label="E-mail"
                  type="email"
                  {...form.getInputProps(`contacts.${i}.email`)}
                  key={form.key(`contacts.${i}.email`)}
                  w={220}
                />
                <TextInput
                  label="Phone"
                  type="tel"
                  {...form.getInputProps(`contacts.${i}.phone`)}
                  key={form.key(`contacts.${i}.phone`)}
                  w={150}
                />
                <TextInput
                  label="Role"
                  {...form.getInputProps(`contacts.${i}.role`)}
                  key={form.key(`contacts.${i}.role`)}
                  w={150}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  size="lg"
                  aria-label={`Remove contact ${i + 1}`}
                  onClick={() => form.removeListItem('contacts', i)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        </SectionCard>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
