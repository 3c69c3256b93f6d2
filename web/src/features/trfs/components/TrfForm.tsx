import { Alert, Checkbox, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconInfoCircle } from '@tabler/icons-react';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { type RemoteOption, RemoteSelect } from '../../../components/forms/RemoteSelect';
import { projectOptions } from '../api';
import { TrfItemsEditor } from './TrfItemsEditor';
import { DECLARATION, type TrfFormApi } from './trfForm';

/**
 * A test request form: the project, who asks, the items and their tests, instructions, and the
 * signed declaration. Everyone picks specifications from the catalogue; a customer whose protocol is
 * not listed names it in the instructions and the lab links it when it reviews.
 */
export function TrfForm({
  form,
  onSubmit,
  pending,
  formError,
  submitLabel,
  onCancel,
  staff,
  knownProject,
  projectLocked = false,
}: {
  form: TrfFormApi;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  onCancel: () => void;
  staff: boolean;
  /** The label of the current project (edit forms), so the picker shows it before any search. */
  knownProject?: RemoteOption;
  projectLocked?: boolean;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={1000}>
        <FormError message={formError} />
        <SectionCard title="Request">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <RemoteSelect
              label="Project"
              required
              placeholder="Search by number or name"
              source={{ ...projectOptions, known: knownProject ? [knownProject] : [] }}
              disabled={projectLocked}
              description={
                projectLocked ? 'Samples are registered against this request; its project stays.' : undefined
              }
              {...form.getInputProps('project_id')}
              key={form.key('project_id')}
            />
          </SimpleGrid>
          <Title order={3} fz="h5" mt="lg" mb="xs">
            Applicant
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Name"
              required
              {...form.getInputProps('applicant.name')}
              key={form.key('applicant.name')}
            />
            <TextInput
              label="Company"
              {...form.getInputProps('applicant.company')}
              key={form.key('applicant.company')}
            />
            <TextInput
              label="E-mail"
              type="email"
              {...form.getInputProps('applicant.email')}
              key={form.key('applicant.email')}
            />
            <TextInput
              label="Phone"
              type="tel"
              {...form.getInputProps('applicant.phone')}
              key={form.key('applicant.phone')}
            />
            <Textarea
              label="Address"
              autosize
              minRows={2}
              {...form.getInputProps('applicant.address')}
              key={form.key('applicant.address')}
            />
          </SimpleGrid>
        </SectionCard>
        <TrfItemsEditor form={form} staff={staff} />
        <SectionCard title="Instructions and declaration">
          {!staff && (
            <Alert variant="light" icon={<IconInfoCircle aria-hidden />} mb="md">
              Pick the specifications to judge each item against; if yours is not listed, name the buyer
              protocol or regulation in the instructions and the laboratory links it when it reviews.
            </Alert>
          )}
          <Textarea
            label="Special instructions"
            autosize
            minRows={3}
            placeholder="Washing temperature, care label, protocol to follow, return of samples…"
            {...form.getInputProps('special_instructions')}
            key={form.key('special_instructions')}
          />
          <Checkbox
            mt="md"
            label="I accept the declaration"
            description={DECLARATION}
            {...form.getInputProps('declaration_accepted', { type: 'checkbox' })}
            key={form.key('declaration_accepted')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md">
            <TextInput
              label="Signed by"
              required
              description="Your full name, as a signature"
              {...form.getInputProps('signature_name')}
              key={form.key('signature_name')}
            />
            <DatePickerInput
              label="Date"
              description="Today when left empty"
              valueFormat="YYYY-MM-DD"
              clearable
              maxDate={new Date()}
              {...form.getInputProps('signature_date')}
              key={form.key('signature_date')}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="sm">
            The request is submitted to the laboratory, which accepts it or returns it to you with its reason.
          </Text>
        </SectionCard>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
