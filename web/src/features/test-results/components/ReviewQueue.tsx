import {
  Alert,
  Button,
  Checkbox,
  Group,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/problem';
import { QueryError } from '../../../components/ui/QueryState';
import { VerdictChip } from '../../../components/ui/VerdictChip';
import { formatDateTime } from '../../../lib/format';
import { isSignatureRefused, SignatureDialog } from '../../signatures/SignatureDialog';
import {
  type ApprovalSignature,
  formatValue,
  getResult,
  listResults,
  type ResultAction,
  resultAction,
  resultKeys,
  type TestResult,
  VERDICT_LABELS,
  type Verdict,
} from '../api';

type Stage = 'entered' | 'reviewed';
const APPROVED = ['approved'] as const;
interface Run {
  total: number;
  done: number;
  failed: { result: TestResult; message: string }[];
}

/**
 * The review and approval queue: a filtered set of results, checked and then reviewed or approved
 * in bulk. One request per result (each is its own audited action), with progress, and every
 * refusal listed with the server's reason (a four-eyes refusal among them).
 */
export function ReviewQueue({ canApprove, myId }: { canApprove: boolean; myId: string }) {
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>('entered');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [run, setRun] = useState<Run | null>(null);
  const [signingSteps, setSigningSteps] = useState<ResultAction[] | null>(null);
  const query = {
    status: stage,
    overall_verdict: verdict ?? undefined,
    q: q || undefined,
    limit: 100,
    sort: 'created_at',
  };
  const results = useQuery({
    queryKey: resultKeys.list(query),
    queryFn: () => listResults(query),
    placeholderData: keepPreviousData,
  });
  const items = results.data?.items ?? [];
  const running = Boolean(run && run.done < run.total);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  /**
   * Runs the steps on each chosen result in turn; a refusal skips that result and is listed. One
   * signature covers the batch (each approval is still signed on its own); a refused signature
   * stops the batch and goes back to the signature dialog.
   */
  const runBulk = async (steps: ResultAction[], signature?: ApprovalSignature) => {
    // by id: a retry after a refused signature still covers the results that moved on meanwhile
    // (reviewed before the approval was refused), fetched afresh
    const chosen = [...selected];
    const state: Run = { total: chosen.length, done: 0, failed: [] };
    setRun({ ...state });
    for (const id of chosen) {
      const listed = items.find((r) => r.id === id);
      let result = listed;
      try {
        result ??= await getResult(id);
        let current = result;
        for (const step of steps) {
          if (current.allowed_actions.includes(step))
            current = await resultAction(current, step, { signature });
        }
      } catch (error) {
        if (isSignatureRefused(error)) {
          setRun({ ...state, total: state.done, failed: [...state.failed] });
          await queryClient.invalidateQueries({ queryKey: resultKeys.all });
          throw error;
        }
        if (result) state.failed.push({ result, message: errorMessage(error) });
      }
      state.done += 1;
      setRun({ ...state, failed: [...state.failed] });
    }
    setSelected(new Set());
    await queryClient.invalidateQueries({ queryKey: resultKeys.all });
  };

  const mine = (r: TestResult) => r.entered_by === myId;
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          value={stage}
          onChange={(v) => {
            setStage(v as Stage);
            setSelected(new Set());
          }}
          data={[
            { value: 'entered', label: 'Awaiting review' },
            { value: 'reviewed', label: 'Awaiting approval' },
          ]}
        />
        <Select
          label="Verdict"
          clearable
          w={180}
          value={verdict}
          onChange={(v) => setVerdict(v as Verdict | null)}
          data={Object.entries(VERDICT_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextInput
          label="Search"
          placeholder="Parameter or text value"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
      </Group>
      <Group>
        {stage === 'entered' && (
          <Button disabled={!selected.size || running} onClick={() => runBulk(['review'])} variant="light">
            Review {selected.size || ''} selected
          </Button>
        )}
        {canApprove && (
          <Button disabled={!selected.size || running} onClick={() => setSigningSteps(['review', 'approve'])}>
            {stage === 'entered' ? 'Review and approve' : 'Approve'} {selected.size || ''} selected
          </Button>
        )}
      </Group>
      <SignatureDialog
        opened={signingSteps !== null}
        title={`Approve ${selected.size} result${selected.size === 1 ? '' : 's'}`}
        what="You approve every selected result you did not enter yourself; approved results are locked."
        meanings={APPROVED}
        confirmLabel="Sign and approve"
        onSign={(s) => runBulk(signingSteps ?? ['approve'], { password: s.password, meaning: 'approved' })}
        onClose={() => setSigningSteps(null)}
      />
      {run && (
        <Stack gap={4} data-testid="bulk-progress">
          <Progress
            value={(run.done / Math.max(run.total, 1)) * 100}
            animated={running}
            aria-label="Progress"
          />
          <Text size="sm">
            {run.done} of {run.total} done{run.failed.length ? `, ${run.failed.length} refused` : ''}
          </Text>
          {run.failed.length > 0 && (
            <Alert color="orange" title="Not done">
              {run.failed.map((f) => (
                <Text size="sm" key={f.result.id}>
                  {f.result.sample_number} · {f.result.parameter}: {f.message}
                </Text>
              ))}
            </Alert>
          )}
        </Stack>
      )}
      {results.error ? (
        <QueryError error={results.error} onRetry={() => results.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table data-testid="review-queue" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Checkbox
                    aria-label="Select all"
                    checked={items.length > 0 && selected.size === items.length}
                    indeterminate={selected.size > 0 && selected.size < items.length}
                    onChange={(e) =>
                      setSelected(e.currentTarget.checked ? new Set(items.map((r) => r.id)) : new Set())
                    }
                  />
                </Table.Th>
                <Table.Th>Sample</Table.Th>
                <Table.Th>Parameter</Table.Th>
                <Table.Th>Value</Table.Th>
                <Table.Th>Verdict</Table.Th>
                <Table.Th>Entered</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${r.sample_number} ${r.parameter}`}
                      checked={selected.has(r.id)}
                      onChange={() => toggle(r.id)}
                    />
                  </Table.Td>
                  <Table.Td ff="monospace">{r.sample_number}</Table.Td>
                  <Table.Td>
                    <Link to={`/test-results/${r.id}`}>{r.parameter}</Link>
                  </Table.Td>
                  <Table.Td>{formatValue(r)}</Table.Td>
                  <Table.Td>
                    <VerdictChip
                      verdict={r.overall_verdict}
                      reason={r.verdicts.map((v) => v.reason).join('; ')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(r.created_at)}</Text>
                    <Text size="xs" c="dimmed">
                      {mine(r)
                        ? 'by you (someone else must approve)'
                        : `by ${r.entered_by_name ?? 'someone'}`}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
              {!items.length && !results.isLoading && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" size="sm" ta="center" py="md">
                      Nothing waiting here.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {results.data?.has_more && (
        <Text size="xs" c="dimmed">
          Showing the oldest 100; approve these, or narrow the filter, to see more.
        </Text>
      )}
    </Stack>
  );
}
