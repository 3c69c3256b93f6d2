import { Box, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { type ReactNode, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../../api/problem';
import { VerdictChip } from '../../../components/ui/VerdictChip';
import { cellText, type GridCell, type GridColumn, type GridRow, type SavedResult, saveCell } from '../api';
import { nextPosition } from './gridKeys';

/**
 * The bench: rows are samples, columns the method's parameters. Keyboard first: typing enters a
 * value (the cell's text is selected on focus, so typing replaces it), Enter/Tab/arrows save and
 * move, Escape undoes the edit. "12.4 ± 0.3" enters a value with its uncertainty. Each cell's
 * verdict chip comes from the server's answer to that save.
 */
export interface RowExecution {
  id: string;
  status: 'pending' | 'in_progress' | 'completed' | 'aborted';
}

interface CellState {
  saving?: boolean;
  error?: string;
}

const keyOf = (sampleId: string, col: GridColumn) => `${sampleId}|${col.method_id}|${col.parameter}`;
const findResult = (row: GridRow, col: GridColumn) =>
  row.results.find((r) => r.method_id === col.method_id && r.parameter === col.parameter);

/** Why a cell cannot take a value now, or null when it can. */
function lockReason(execution: RowExecution | undefined, result: GridCell | undefined): string | null {
  if (!execution) return 'This sample has no execution in the plan';
  if (execution.status === 'pending') return 'Start this sample’s execution to enter results';
  if (execution.status === 'aborted') return 'The execution was aborted';
  if (result?.status === 'approved') return 'Approved results are locked; correct it from the result page';
  if (execution.status === 'completed' && !result) return 'The execution is completed';
  return null;
}

const fieldMessage = (error: unknown) =>
  error instanceof ApiError && error.fieldErrors.length ? error.fieldErrors[0].message : errorMessage(error);

export function BenchGrid({
  columns,
  rows,
  executions,
  onSaved,
  renderRowActions,
  onRowFocus,
}: {
  columns: GridColumn[];
  rows: GridRow[];
  executions: Map<string, RowExecution>;
  onSaved: (sampleId: string, result: SavedResult) => void;
  renderRowActions?: (row: GridRow) => ReactNode;
  onRowFocus?: (sampleId: string) => void;
}) {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [cells, setCells] = useState<Record<string, CellState>>({});
  const inputs = useRef<(HTMLInputElement | null)[][]>([]);
  // Keys being saved: a key press saves and moves focus, and the blur that follows must not save again.
  const inFlight = useRef(new Set<string>());
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  const multiMethod = new Set(columns.map((c) => c.method_id)).size > 1;

  const setDraft = (key: string, text: string | undefined) =>
    setDrafts((d) => {
      const next = { ...d };
      if (text === undefined) delete next[key];
      else next[key] = text;
      draftsRef.current = next;
      return next;
    });
  const setCell = (key: string, state: CellState) => setCells((c) => ({ ...c, [key]: state }));

  const commit = async (r: number, c: number) => {
    const row = rows[r];
    const col = columns[c];
    const key = keyOf(row.id, col);
    const draft = draftsRef.current[key];
    if (draft === undefined || inFlight.current.has(key)) return;
    const result = findResult(row, col);
    const execution = executions.get(row.id);
    const locked = lockReason(execution, result);
    if (draft.trim() === cellText(result) || !draft.trim() || locked) {
      setDraft(key, undefined);
      if (locked && draft.trim() && draft.trim() !== cellText(result)) setCell(key, { error: locked });
      return;
    }
    setCell(key, { saving: true });
    inFlight.current.add(key);
    try {
      const saved = await saveCell(execution!.id, col.parameter, draft, result);
      // an edit typed while this one was saving stays as the cell's draft
      if (draftsRef.current[key] === draft) setDraft(key, undefined);
      setCell(key, {});
      onSaved(row.id, saved);
    } catch (error) {
      setCell(key, { error: fieldMessage(error) });
    } finally {
      inFlight.current.delete(key);
    }
  };

  const focusCell = (r: number, c: number) => {
    const input = inputs.current[r]?.[c];
    input?.focus();
    input?.select();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>, r: number, c: number) => {
    const input = event.currentTarget;
    if (event.key === 'Escape') {
      setDraft(keyOf(rows[r].id, columns[c]), undefined);
      setCell(keyOf(rows[r].id, columns[c]), {});
      return;
    }
    const to = nextPosition(
      event.key,
      event.shiftKey,
      { row: r, col: c },
      { rows: rows.length, cols: columns.length },
      { start: input.selectionStart, end: input.selectionEnd, length: input.value.length },
    );
    if (!to && event.key !== 'Enter') return;
    event.preventDefault();
    void commit(r, c);
    if (to && (to.row !== r || to.col !== c)) focusCell(to.row, to.col);
  };

  return (
    <Table.ScrollContainer minWidth={440 + columns.length * 170}>
      <Table withColumnBorders withTableBorder verticalSpacing={4} data-testid="bench-grid" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Sample</Table.Th>
            <Table.Th>Execution</Table.Th>
            {columns.map((col) => (
              <Table.Th key={`${col.method_id}|${col.parameter}`} miw={150}>
                <Text size="sm" fw={600}>
                  {col.parameter}
                </Text>
                <Text size="xs" c="dimmed">
                  {[multiMethod ? col.method_code : '', col.unit ?? '', col.kind === 'text' ? 'text' : '']
                    .filter(Boolean)
                    .join(' · ') || ' '}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            <Table.Tr key={row.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text ff="monospace" size="sm" fw={500}>
                  {row.number}
                </Text>
                <Text size="xs" c="dimmed" truncate maw={180}>
                  {row.description}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Group gap={4} wrap="nowrap" preventGrowOverflow={false}>
                  {renderRowActions?.(row)}
                </Group>
              </Table.Td>
              {columns.map((col, c) => {
                const key = keyOf(row.id, col);
                const result = findResult(row, col);
                const state = cells[key] ?? {};
                const locked = lockReason(executions.get(row.id), result);
                return (
                  <Table.Td key={key} p={4}>
                    <Tooltip
                      label={state.error ?? locked ?? ''}
                      disabled={!state.error && !locked}
                      withArrow
                      multiline
                      maw={300}
                    >
                      <input
                        ref={(el) => {
                          inputs.current[r] ??= [];
                          inputs.current[r][c] = el;
                        }}
                        aria-label={`${row.number} ${col.parameter}`}
                        aria-invalid={Boolean(state.error)}
                        readOnly={Boolean(locked)}
                        value={drafts[key] ?? cellText(result)}
                        onChange={(e) => setDraft(key, e.currentTarget.value)}
                        onKeyDown={(e) => onKeyDown(e, r, c)}
                        onFocus={(e) => {
                          e.currentTarget.select();
                          onRowFocus?.(row.id);
                        }}
                        onBlur={() => void commit(r, c)}
                        inputMode={col.kind === 'text' ? 'text' : 'decimal'}
                        style={{
                          width: '100%',
                          font: 'inherit',
                          fontFamily:
                            col.kind === 'text' ? undefined : 'var(--mantine-font-family-monospace)',
                          padding: '4px 6px',
                          borderRadius: 4,
                          border: `1px solid ${state.error ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-default-border)'}`,
                          background: locked
                            ? 'var(--mantine-color-default-hover)'
                            : 'var(--mantine-color-body)',
                          color: 'var(--mantine-color-text)',
                        }}
                      />
                    </Tooltip>
                    <Box mt={4} mih={20} data-testid={`cell-verdict-${row.number}-${col.parameter}`}>
                      <CellVerdict result={result} state={state} />
                    </Box>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CellVerdict({ result, state }: { result: GridCell | undefined; state: CellState }) {
  if (state.saving) return <Loader size="xs" aria-label="Saving" />;
  if (state.error)
    return (
      <Text size="xs" c="red" lineClamp={2} role="alert">
        {state.error}
      </Text>
    );
  if (!result) return null;
  return (
    <Group gap={4} wrap="nowrap">
      <VerdictChip
        verdict={result.overall_verdict}
        size="xs"
        reason={result.verdicts.map((v) => v.reason).join('; ')}
      />
      {result.status === 'approved' && <IconLock size={12} aria-label="Approved" />}
      {result.status === 'rejected' && (
        <Text size="xs" c="red">
          rejected
        </Text>
      )}
    </Group>
  );
}
