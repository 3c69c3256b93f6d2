import { Alert, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { type Specification, useMethodOptions } from '../api';
import { LimitsEditor } from './LimitsEditor';
import { LimitsTable } from './LimitsTable';
import type { SpecificationFormApi } from './specificationForm';

/**
 * One form for the three ways a specification is written: `create` (everything), `edit` (name,
 * description and source of the current revision: its code and limits are fixed) and `revise`
 * (new limits, written as revision n+1).
 */
export function SpecificationForm({
  form,
  mode,
  current,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
}: {
  form: SpecificationFormApi;
  mode: 'create' | 'edit' | 'revise';
  current?: Specification;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
}) {
  const methods = useMethodOptions();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={1200}>
        <FormError message={formError} />
        <SectionCard title="Specification">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Code"
              description={
                mode === 'create' ? 'Unique, e.g. OEKO-TEX-100-II; shared by all revisions' : undefined
              }
              required
              disabled={mode !== 'create'}
              {...form.getInputProps('code')}
            />
            <TextInput label="Name" required {...form.getInputProps('name')} />
            <TextInput
              label="Source"
              placeholder="Regulation, standard or buyer manual it comes from"
              {...form.getInputProps('source')}
            />
          </SimpleGrid>
          <Textarea mt="sm" label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        </SectionCard>
        <SectionCard title="Limits">
          {mode === 'edit' && current ? (
            <>
              <Alert color="blue" icon={<IconInfoCircle aria-hidden />} mb="md">
                Limits are fixed per revision, so results keep the limits they were judged by. To change them,
                revise the specification: that writes revision {current.revision + 1}.
              </Alert>
              <LimitsTable limits={current.limits} methods={methods.data ?? []} />
            </>
          ) : (
            <LimitsEditor form={form} methods={methods.data ?? []} />
          )}
        </SectionCard>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
