import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { SectionCard } from '../../../components/detail/SectionCard';
import { ReasonDialog } from '../../../components/dialogs/ReasonDialog';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { QueryError } from '../../../components/ui/QueryState';
import { formatDate } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import {
  addNcrAction,
  completeNcrAction,
  type Ncr,
  type NcrAction,
  type NcrActionInput,
  ncrKeys,
  searchPeople,
  useNcrActions,
  withdrawNcrAction,
} from '../api';

const PLANNING: Ncr['status'][] = ['open', 'investigating', 'action_pending'];

/**
 * The CAPA actions of an NCR: owners and due dates (overdue in red), completion with evidence by
 * the owner, an auditor or a manager, and a form to plan more while the NCR allows it.
 */
export function ActionsPanel({
  ncr,
  canPlan,
  meId,
  onChanged,
}: {
  ncr: Ncr;
  canPlan: boolean;
  meId: string;
  onChanged: () => void;
}) {
  const actions = useNcrActions(ncr.id);
  const [completing, setCompleting] = useState<NcrAction | null>(null);
  const planning = canPlan && PLANNING.includes(ncr.status) && !ncr.archived_at;
  const items = actions.data?.items ?? [];
  const mayComplete = (a: NcrAction) =>
    PLANNING.includes(ncr.status) && a.status === 'open' && (canPlan || a.owner_id === meId);
  const withdraw = async (a: NcrAction) => {
    try {
      await withdrawNcrAction(a);
      notifySuccess('The action was withdrawn.');
    } catch (error) {
      notifyError(error, 'Could not withdraw the action');
    }
    onChanged();
  };
  return (
    <SectionCard title="CAPA actions">
      {actions.error && <QueryError error={actions.error} what="actions" />}
      {!actions.isLoading && items.length === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          No action planned yet{planning ? ': add the corrective and preventive actions below.' : '.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="ncr-actions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Action</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id} data-overdue={a.overdue || undefined}>
                  <Table.Td>
                    <Text size="sm">{a.description}</Text>
                    {a.evidence && (
                      <Text size="xs" c="dimmed">
                        Evidence: {a.evidence}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{a.kind}</Table.Td>
                  <Table.Td>{a.owner_name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={a.overdue ? 'red' : undefined} fw={a.overdue ? 700 : undefined}>
                      {formatDate(a.due_date)}
                      {a.overdue ? ' · overdue' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={a.status === 'done' ? 'green' : a.overdue ? 'red' : 'blue'}>
                      {a.status === 'done' ? `Done ${formatDate(a.completed_at)}` : 'Open'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {mayComplete(a) && (
                        <Button
                          size="xs"
                          variant="light"
                          leftSection={<IconCheck size={14} aria-hidden />}
                          onClick={() => setCompleting(a)}
                        >
                          Mark done
                        </Button>
                      )}
                      {planning && a.status === 'open' && (
                        <Tooltip label="Withdraw">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label="Withdraw action"
                            onClick={() => withdraw(a)}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {planning && <AddActionForm ncrId={ncr.id} onAdded={onChanged} />}
      {completing && (
        <ReasonDialog
          opened
          title="Mark the action done"
          message="What shows it was done (a record, a document, a change)?"
          confirmLabel="Mark done"
          onConfirm={async (evidence) => {
            await completeNcrAction(completing, evidence);
            notifySuccess('The action is done.');
            onChanged();
          }}
          onClose={() => setCompleting(null)}
        />
      )}
    </SectionCard>
  );
}

interface ActionValues {
  description: string;
  kind: NcrActionInput['kind'];
  owner_id: string | null;
  due_date: string;
}

function AddActionForm({ ncrId, onAdded }: { ncrId: string; onAdded: () => void }) {
  const key = useRef(crypto.randomUUID());
  const form = useForm<ActionValues>({
    initialValues: { description: '', kind: 'corrective', owner_id: null, due_date: '' },
    validate: {
      description: (v) => (v.trim() ? null : 'What is to be done?'),
      owner_id: (v) => (v ? null : 'Who does it?'),
      due_date: (v) => (v ? null : 'By when?'),
    },
  });
  const values = form.getValues();
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) =>
      addNcrAction(
        ncrId,
        { description: v.description.trim(), kind: v.kind, owner_id: v.owner_id!, due_date: v.due_date },
        key.current,
      ),
    {
      onSuccess: () => {
        form.reset();
        key.current = crypto.randomUUID();
        onAdded();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="xs" mt="md">
        <FormError message={formError} />
        <Group align="flex-start" grow>
          <TextInput
            label="New action"
            placeholder="What is to be done"
            required
            {...form.getInputProps('description')}
            key={form.key('description')}
          />
          <Select
            label="Kind"
            data={[
              { value: 'corrective', label: 'Corrective' },
              { value: 'preventive', label: 'Preventive' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('kind')}
            key={form.key('kind')}
          />
          <RemoteSelect
            label="Owner"
            required
            source={{ queryKey: ncrKeys.people(), search: searchPeople }}
            value={values.owner_id}
            onChange={(v) => form.setFieldValue('owner_id', v)}
            error={form.errors.owner_id}
          />
          <TextInput
            type="date"
            label="Due"
            required
            {...form.getInputProps('due_date')}
            key={form.key('due_date')}
          />
        </Group>
        <FormActions
          align="end"
          submitLabel="Add action"
          pending={pending}
          submitProps={{ variant: 'light', leftSection: <IconPlus size={14} aria-hidden /> }}
        />
      </Stack>
    </form>
  );
}
