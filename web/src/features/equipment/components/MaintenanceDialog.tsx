import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { FormError } from '../../../components/forms/FormError';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { type Equipment, logMaintenance, MAINTENANCE_KIND_LABELS, type MaintenanceInput } from '../api';

interface Values {
  performed_on: string;
  kind: MaintenanceInput['kind'];
  description: string;
  performed_by: string;
}

/** Adds an entry to the maintenance log. */
export function MaintenanceDialog({
  item,
  opened,
  onClose,
  onLogged,
}: {
  item: Equipment;
  opened: boolean;
  onClose: () => void;
  onLogged: () => void;
}) {
  const key = useRef(crypto.randomUUID());
  const form = useForm<Values>({
    initialValues: {
      performed_on: new Date().toISOString().slice(0, 10),
      kind: 'preventive',
      description: '',
      performed_by: '',
    },
    validate: {
      description: (v) => (v.trim() ? null : 'Say what was done'),
      performed_by: (v) => (v.trim() ? null : 'Who did it?'),
    },
  });
  const close = () => {
    form.reset();
    key.current = crypto.randomUUID();
    onClose();
  };
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) =>
      logMaintenance(
        item.id,
        { ...v, description: v.description.trim(), performed_by: v.performed_by.trim() },
        key.current,
      ),
    {
      onSuccess: () => {
        onLogged();
        close();
      },
    },
  );
  return (
    <Modal opened={opened} onClose={close} title={`Log maintenance of ${item.asset_number}`} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <FormError message={formError} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label="Date"
              required
              data-autofocus
              {...form.getInputProps('performed_on')}
              key={form.key('performed_on')}
            />
            <Select
              label="Kind"
              data={Object.entries(MAINTENANCE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              allowDeselect={false}
              {...form.getInputProps('kind')}
              key={form.key('kind')}
            />
            <TextInput
              label="By"
              required
              {...form.getInputProps('performed_by')}
              key={form.key('performed_by')}
            />
          </SimpleGrid>
          <Textarea
            label="What was done"
            required
            autosize
            minRows={2}
            {...form.getInputProps('description')}
            key={form.key('description')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Log maintenance
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
