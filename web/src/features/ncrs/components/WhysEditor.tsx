import { ActionIcon, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { isApiError } from '../../../api/problem';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { notifySuccess } from '../../../lib/notify';
import { type Ncr, updateNcr } from '../api';

interface Values {
  containment: string;
  whys: { why: string; answer: string }[];
  root_cause: string;
}
const MAX_WHYS = 5;
const orNull = (v: string) => (v.trim() ? v.trim() : null);

/**
 * Containment and root cause analysis: up to five "why?" questions with their answers, and the
 * root cause they lead to. Saved with If-Match; read-only once the NCR is closed or for readers.
 */
export function WhysEditor({ ncr, editable, onSaved }: { ncr: Ncr; editable: boolean; onSaved: () => void }) {
  const form = useForm<Values>({
    initialValues: {
      containment: ncr.containment ?? '',
      whys: ncr.whys.length ? ncr.whys : [{ why: '', answer: '' }],
      root_cause: ncr.root_cause ?? '',
    },
  });
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) =>
      updateNcr(ncr, {
        containment: orNull(v.containment),
        whys: v.whys.filter((w) => w.why.trim()).map((w) => ({ why: w.why.trim(), answer: w.answer.trim() })),
        root_cause: orNull(v.root_cause),
      }),
    {
      onSuccess: () => {
        notifySuccess('The root cause analysis was saved.');
        form.resetDirty();
        onSaved();
      },
      onError: (error) => {
        if (!isApiError(error, 412)) return false;
        onSaved();
        return false;
      },
    },
  );
  const whys = form.getValues().whys;
  return (
    <SectionCard title="Containment and root cause">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <FormError message={formError} />
          <Textarea
            label="Containment"
            autosize
            minRows={2}
            readOnly={!editable}
            {...form.getInputProps('containment')}
            key={form.key('containment')}
          />
          <Text size="sm" fw={500}>
            5 whys
          </Text>
          {whys.map((_, i) => (
            <Group key={form.key(`whys.${i}`)} align="flex-start" wrap="nowrap" data-testid="why-row">
              <Text size="sm" fw={600} w={28} pt={8}>
                {i + 1}.
              </Text>
              <TextInput
                style={{ flex: 1 }}
                aria-label={`Why ${i + 1}`}
                placeholder="Why…?"
                readOnly={!editable}
                {...form.getInputProps(`whys.${i}.why`)}
              />
              <TextInput
                style={{ flex: 1 }}
                aria-label={`Answer ${i + 1}`}
                placeholder="Because…"
                readOnly={!editable}
                {...form.getInputProps(`whys.${i}.answer`)}
              />
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  aria-label={`Remove why ${i + 1}`}
                  onClick={() => form.removeListItem('whys', i)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))}
          {editable && whys.length < MAX_WHYS && (
            <Button
              variant="subtle"
              size="xs"
              w="fit-content"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem('whys', { why: '', answer: '' })}
            >
              Ask why again
            </Button>
          )}
          <Textarea
            label="Root cause"
            description="Needed before the actions are planned"
            autosize
            minRows={2}
            readOnly={!editable}
            {...form.getInputProps('root_cause')}
            key={form.key('root_cause')}
          />
          {editable && <FormActions align="end" submitLabel="Save analysis" pending={pending} />}
        </Stack>
      </form>
    </SectionCard>
  );
}
