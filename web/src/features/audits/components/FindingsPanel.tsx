import { Anchor, Button, Group, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFlag, IconPlus } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SectionCard } from '../../../components/detail/SectionCard';
import { FormActions } from '../../../components/forms/FormActions';
import { FormError } from '../../../components/forms/FormError';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { QueryError } from '../../../components/ui/QueryState';
import { notifyError, notifySuccess } from '../../../lib/notify';
import {
  type Audit,
  addFinding,
  FINDING_KIND_LABELS,
  type Finding,
  type FindingInput,
  raiseNcr,
  useFindings,
} from '../api';
import { FindingKindBadge } from './AuditBadges';

/** The findings of an audit, recorded while it runs; each can raise one NCR. */
export function FindingsPanel({
  audit,
  canWrite,
  onChanged,
}: {
  audit: Audit;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const findings = useFindings(audit.id);
  const navigate = useNavigate();
  const [raising, setRaising] = useState<string | null>(null);
  const items = findings.data?.items ?? [];
  const recording = canWrite && audit.status === 'in_progress' && !audit.archived_at;
  const mayRaise = canWrite && audit.status !== 'cancelled';
  const raise = async (f: Finding) => {
    setRaising(f.id);
    try {
      const ncr = await raiseNcr(f, crypto.randomUUID());
      notifySuccess(`${ncr.number} was raised from the finding.`, 'NCR raised');
      onChanged();
      navigate(`/ncrs/${ncr.id}`);
    } catch (error) {
      notifyError(error, 'Could not raise the NCR');
      onChanged();
    } finally {
      setRaising(null);
    }
  };
  return (
    <SectionCard title="Findings">
      {findings.error && <QueryError error={findings.error} what="findings" />}
      {!findings.isLoading && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {audit.status === 'planned' ? 'Start the audit to record findings.' : 'No findings recorded.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="findings">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Clause</Table.Th>
                <Table.Th>Finding</Table.Th>
                <Table.Th>NCR</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    <FindingKindBadge kind={f.kind} />
                  </Table.Td>
                  <Table.Td>{f.clause ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{f.description}</Text>
                    {f.evidence && (
                      <Text size="xs" c="dimmed">
                        Evidence: {f.evidence}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {f.ncr_id ? (
                      <Anchor component={Link} to={`/ncrs/${f.ncr_id}`}>
                        {f.ncr_number}
                      </Anchor>
                    ) : mayRaise ? (
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconFlag size={14} aria-hidden />}
                        loading={raising === f.id}
                        onClick={() => raise(f)}
                      >
                        Raise NCR
                      </Button>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {recording && <AddFindingForm auditId={audit.id} onAdded={onChanged} />}
    </SectionCard>
  );
}

interface FindingValues {
  kind: FindingInput['kind'];
  clause: string;
  description: string;
  evidence: string;
}

function AddFindingForm({ auditId, onAdded }: { auditId: string; onAdded: () => void }) {
  const key = useRef(crypto.randomUUID());
  const form = useForm<FindingValues>({
    initialValues: { kind: 'minor', clause: '', description: '', evidence: '' },
    validate: { description: (v) => (v.trim() ? null : 'Describe the finding') },
  });
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (v) =>
      addFinding(
        auditId,
        {
          kind: v.kind,
          clause: v.clause.trim() || null,
          description: v.description.trim(),
          evidence: v.evidence.trim() || null,
        },
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
        <Group grow align="flex-start">
          <Select
            label="Kind"
            data={Object.entries(FINDING_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
            key={form.key('kind')}
          />
          <TextInput
            label="Clause"
            placeholder="ISO/IEC 17025 §7.8.2"
            {...form.getInputProps('clause')}
            key={form.key('clause')}
          />
        </Group>
        <Textarea
          label="Finding"
          required
          autosize
          minRows={2}
          {...form.getInputProps('description')}
          key={form.key('description')}
        />
        <TextInput label="Evidence" {...form.getInputProps('evidence')} key={form.key('evidence')} />
        <FormActions
          align="end"
          submitLabel="Record finding"
          pending={pending}
          submitProps={{ variant: 'light', leftSection: <IconPlus size={14} aria-hidden /> }}
        />
      </Stack>
    </form>
  );
}
