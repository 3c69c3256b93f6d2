import { Card, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteMultiSelect, RemoteSelect } from '../../../components/forms/RemoteSelect';
import { type Audit, type AuditInput, auditKeys, searchAuditors } from '../api';

export interface AuditFormValues {
  type: AuditInput['type'];
  title: string;
  scope: string;
  clauses: string[];
  planned_start: string;
  planned_end: string;
  lead_auditor_id: string | null;
  auditor_ids: string[];
  auditee: string;
}

export const AUDIT_FIELDS = [
  { key: 'type', label: 'Type' },
  { key: 'title', label: 'Title' },
  { key: 'scope', label: 'Scope' },
  { key: 'clauses', label: 'Clauses' },
  { key: 'planned_start', label: 'Planned start' },
  { key: 'planned_end', label: 'Planned end' },
  { key: 'lead_auditor_id', label: 'Lead auditor' },
  { key: 'auditor_ids', label: 'Auditors' },
  { key: 'auditee', label: 'Auditee' },
];

export function toFormValues(audit?: Audit): AuditFormValues {
  return {
    type: audit?.type ?? 'internal',
    title: audit?.title ?? '',
    scope: audit?.scope ?? '',
    clauses: audit?.clauses ?? [],
    planned_start: audit?.planned_start ?? '',
    planned_end: audit?.planned_end ?? '',
    lead_auditor_id: audit?.lead_auditor_id ?? null,
    auditor_ids: audit?.auditor_ids ?? [],
    auditee: audit?.auditee ?? '',
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

export const toInput = (v: AuditFormValues, base?: Audit): AuditInput => ({
  type: v.type,
  title: v.title.trim(),
  scope: orNull(v.scope),
  clauses: v.clauses.map((c) => c.trim()).filter(Boolean),
  planned_start: v.planned_start,
  planned_end: v.planned_end,
  lead_auditor_id: v.lead_auditor_id,
  auditor_ids: v.auditor_ids,
  auditee: orNull(v.auditee),
  summary: base?.summary ?? null,
});

export function useAuditForm(initial?: Audit) {
  return useForm<AuditFormValues>({
    initialValues: toFormValues(initial),
    validate: {
      title: (v) => (v.trim() ? null : 'Name the audit'),
      planned_start: (v) => (v ? null : 'When does it start?'),
      planned_end: (v, all) =>
        !v
          ? 'When does it end?'
          : all.planned_start && v < all.planned_start
            ? 'Ends before it starts'
            : null,
    },
  });
}

export function AuditForm({
  form,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
  knownPeople = [],
}: {
  form: ReturnType<typeof useAuditForm>;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
  knownPeople?: { value: string; label: string }[];
}) {
  const values = form.getValues();
  const people = { queryKey: auditKeys.people(), search: searchAuditors, known: knownPeople };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <FormError message={formError} />
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Title"
              required
              data-autofocus
              {...form.getInputProps('title')}
              key={form.key('title')}
            />
            <Select
              label="Type"
              data={[
                { value: 'internal', label: 'Internal' },
                { value: 'external', label: 'External' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('type')}
              key={form.key('type')}
            />
            <TextInput
              type="date"
              label="Planned start"
              required
              {...form.getInputProps('planned_start')}
              key={form.key('planned_start')}
            />
            <TextInput
              type="date"
              label="Planned end"
              required
              {...form.getInputProps('planned_end')}
              key={form.key('planned_end')}
            />
            <RemoteSelect
              label="Lead auditor"
              clearable
              source={people}
              value={values.lead_auditor_id}
              onChange={(v) => form.setFieldValue('lead_auditor_id', v)}
              error={form.errors.lead_auditor_id}
            />
            <RemoteMultiSelect
              label="Auditors"
              source={people}
              value={values.auditor_ids}
              onChange={(v) => form.setFieldValue('auditor_ids', v)}
              error={form.errors.auditor_ids}
            />
            <TextInput
              label="Auditee"
              description="Department, process or supplier audited"
              {...form.getInputProps('auditee')}
              key={form.key('auditee')}
            />
            <TagsInput
              label="Standard clauses"
              description="Type a clause and press Enter, e.g. ISO/IEC 17025 §7.8"
              {...form.getInputProps('clauses')}
              key={form.key('clauses')}
            />
          </SimpleGrid>
          <Textarea
            mt="md"
            label="Scope"
            autosize
            minRows={2}
            {...form.getInputProps('scope')}
            key={form.key('scope')}
          />
        </Card>
        <FormActions
          align="end"
          cancelWhilePending
          submitLabel={submitLabel}
          pending={pending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}
