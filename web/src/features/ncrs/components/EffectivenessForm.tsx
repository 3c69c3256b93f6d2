import { SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { notifySuccess } from '../../../lib/notify';
import { type Ncr, updateNcr } from '../api';

interface Values {
  effectiveness_check: string;
  effectiveness_result: 'effective' | 'not_effective' | '';
}

/** The effectiveness check, recorded in verification: effective lets the NCR close. */
export function EffectivenessForm({
  ncr,
  editable,
  onSaved,
}: {
  ncr: Ncr;
  editable: boolean;
  onSaved: () => void;
}) {
  const form = useForm<Values>({
    initialValues: {
      effectiveness_check: ncr.effectiveness_check ?? '',
      effectiveness_result: ncr.effectiveness_result ?? '',
    },
    validate: {
      effectiveness_check: (v) => (v.trim() ? null : 'Say how effectiveness was checked'),
      effectiveness_result: (v) => (v ? null : 'Choose the result'),
    },
  });
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) =>
      updateNcr(ncr, {
        effectiveness_check: v.effectiveness_check.trim(),
        effectiveness_result: v.effectiveness_result || null,
      }),
    {
      onSuccess: () => {
        notifySuccess('The effectiveness check was recorded.');
        onSaved();
      },
    },
  );
  return (
    <SectionCard title="Effectiveness check">
      {!editable && !ncr.effectiveness_check ? (
        <Text size="sm" c="dimmed">
          Recorded during verification, once every action is done.
        </Text>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <FormError message={formError} />
            <Textarea
              label="How effectiveness was checked"
              autosize
              minRows={2}
              readOnly={!editable}
              {...form.getInputProps('effectiveness_check')}
              key={form.key('effectiveness_check')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="effectiveness-label">
                Result
              </Text>
              <SegmentedControl
                aria-labelledby="effectiveness-label"
                disabled={!editable}
                data={[
                  { value: 'effective', label: 'Effective' },
                  { value: 'not_effective', label: 'Not effective' },
                ]}
                {...form.getInputProps('effectiveness_result')}
                key={form.key('effectiveness_result')}
              />
              {form.errors.effectiveness_result && (
                <Text size="xs" c="red">
                  {form.errors.effectiveness_result}
                </Text>
              )}
            </Stack>
            {editable && <FormActions align="end" submitLabel="Record check" pending={pending} />}
          </Stack>
        </form>
      )}
    </SectionCard>
  );
}
