import {
  ActionIcon,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { SUPPLIER_CATEGORIES, type Supplier, type SupplierInput } from '../api';

export interface SupplierFormValues {
  name: string;
  category: string;
  supplies: string;
  email: string;
  phone: string;
  address: string;
  website: string;
  next_evaluation_due: string | null;
  notes: string;
  contacts: { name: string; email: string; phone: string; role: string }[];
}

export const SUPPLIER_FIELDS = [
  { key: 'name', label: 'Name' },
  { key: 'category', label: 'Category' },
  { key: 'supplies', label: 'Supplies' },
  { key: 'email', label: 'E-mail' },
  { key: 'phone', label: 'Phone' },
  { key: 'address', label: 'Address' },
  { key: 'website', label: 'Website' },
  { key: 'next_evaluation_due', label: 'Next evaluation due' },
  { key: 'notes', label: 'Notes' },
  { key: 'contacts', label: 'Contacts' },
];

export function toFormValues(s?: Supplier): SupplierFormValues {
  return {
    name: s?.name ?? '',
    category: s?.category ?? 'other',
    supplies: s?.supplies ?? '',
    email: s?.email ?? '',
    phone: s?.phone ?? '',
    address: s?.address ?? '',
    website: s?.website ?? '',
    next_evaluation_due: s?.next_evaluation_due ?? null,
    notes: s?.notes ?? '',
    contacts: (s?.contacts ?? []).map((c) => ({
      name: c.name,
      email: c.email ?? '',
      phone: c.phone ?? '',
      role: c.role ?? '',
    })),
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

export function toInput(v: SupplierFormValues): SupplierInput {
  return {
    name: v.name.trim(),
    category: v.category as SupplierInput['category'],
    supplies: orNull(v.supplies),
    email: orNull(v.email),
    phone: orNull(v.phone),
    address: orNull(v.address),
    website: orNull(v.website),
    next_evaluation_due: v.next_evaluation_due || null,
    notes: orNull(v.notes),
    contacts: v.contacts.map((c) => ({
      name: c.name.trim(),
      email: orNull(c.email),
      phone: orNull(c.phone),
      role: orNull(c.role),
    })),
  };
}

export function useSupplierForm(initial?: Supplier) {
  return useForm<SupplierFormValues>({
    initialValues: toFormValues(initial),
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the supplier’s name'),
      email: (v) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      contacts: {
        name: (v) => (v.trim() ? null : 'Enter the contact’s name'),
        email: (v) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      },
    },
  });
}

export function SupplierForm({
  form,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
}: {
  form: ReturnType<typeof useSupplierForm>;
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
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required {...form.getInputProps('name')} key={form.key('name')} />
            <Select
              label="Category"
              data={SUPPLIER_CATEGORIES}
              allowDeselect={false}
              {...form.getInputProps('category')}
              key={form.key('category')}
            />
            <Textarea
              label="What they supply"
              autosize
              minRows={2}
              {...form.getInputProps('supplies')}
              key={form.key('supplies')}
            />
            <Textarea
              label="Address"
              autosize
              minRows={2}
              {...form.getInputProps('address')}
              key={form.key('address')}
            />
            <TextInput label="E-mail" type="email" {...form.getInputProps('email')} key={form.key('email')} />
            <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} key={form.key('phone')} />
            <TextInput label="Website" {...form.getInputProps('website')} key={form.key('website')} />
            <DatePickerInput
              label="Next evaluation due"
              clearable
              valueFormat="YYYY-MM-DD"
              {...form.getInputProps('next_evaluation_due')}
              key={form.key('next_evaluation_due')}
            />
          </SimpleGrid>
          <Textarea
            mt="md"
            label="Notes"
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
            key={form.key('notes')}
          />
        </Card>
        <SectionCard
          title="Contacts"
          titleGap="sm"
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
          {contacts.map((_, i) => (
            <Group key={form.key(`contacts.${i}`)} align="flex-end" gap="xs" mb="xs" wrap="nowrap">
              <TextInput
                label={i === 0 ? 'Name' : undefined}
                aria-label={`Contact ${i + 1} name`}
                {...form.getInputProps(`contacts.${i}.name`)}
                key={form.key(`contacts.${i}.name`)}
              />
              <TextInput
                label={i === 0 ? 'E-mail' : undefined}
                aria-label={`Contact ${i + 1} e-mail`}
                {...form.getInputProps(`contacts.${i}.email`)}
                key={form.key(`contacts.${i}.email`)}
              />
              <TextInput
                label={i === 0 ? 'Phone' : undefined}
                aria-label={`Contact ${i + 1} phone`}
                {...form.getInputProps(`contacts.${i}.phone`)}
                key={form.key(`contacts.${i}.phone`)}
              />
              <TextInput
                label={i === 0 ? 'Role' : undefined}
                aria-label={`Contact ${i + 1} role`}
                {...form.getInputProps(`contacts.${i}.role`)}
                key={form.key(`contacts.${i}.role`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove contact ${i + 1}`}
                onClick={() => form.removeListItem('contacts', i)}
                mb={4}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </SectionCard>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
