import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconPrinter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/problem';
import { FormError } from '../../components/forms/FormError';
import { RemoteSelect } from '../../components/forms/RemoteSelect';
import { PageHeader } from '../../components/ui/PageHeader';
import { bulkRegister, labelsPdf, projectOptions, type Sample, sampleKeys } from '../../features/samples/api';
import { BulkGrid } from '../../features/samples/components/BulkGrid';
import {
  type BulkRow,
  emptyRow,
  localRowErrors,
  mapRowErrors,
  type RowErrors,
  toBulkItems,
} from '../../features/samples/components/bulkSheet';
import { openPdf } from '../../features/samples/components/openPdf';
import { useTrfChoices } from '../../features/samples/components/SampleForm';
import { notifyError, notifySuccess } from '../../lib/notify';

const MAX_ROWS = 500;

/**
 * Bulk registration: paste the rows of a delivery from a spreadsheet, correct what the API
 * reports on each row, and register them all at once (all or nothing, numbered in row order).
 */
export function SamplesBulkPage() {
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [projectId, setProjectId] = useState<string | null>(params.get('project_id'));
  const [trfId, setTrfId] = useState<string | null>(params.get('trf_id'));
  const [rows, setRows] = useState<BulkRow[]>([emptyRow()]);
  const [errors, setErrors] = useState<RowErrors | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<Sample[] | null>(null);
  const { trfOptions } = useTrfChoices(projectId, trfId);
  // One key per attempt at this sheet: a retried submit cannot register the rows twice.
  const idempotencyKey = useRef(crypto.randomUUID());
  const filled = rows.filter((r) => Object.values(r).some((v) => v.trim()));

  const submit = async () => {
    setFormError(null);
    setErrors(null);
    if (!projectId) return setFormError('Choose the project the samples belong to.');
    if (!filled.length) return setFormError('Paste or type at least one row.');
    if (filled.length > MAX_ROWS)
      return setFormError(`At most ${MAX_ROWS} samples at once; split the sheet.`);
    setRows(filled);
    const local = localRowErrors(filled);
    if (local) {
      setErrors(local);
      return setFormError(
        `${local.cells.size} of ${filled.length} rows need correcting before they can be sent.`,
      );
    }
    setPending(true);
    try {
      const result = await bulkRegister(projectId, toBulkItems(filled, trfId), idempotencyKey.current);
      setDone(result.items);
      setRows([emptyRow()]);
      idempotencyKey.current = crypto.randomUUID();
      notifySuccess(`${result.items.length} samples were registered.`, 'Samples received');
      await queryClient.invalidateQueries({ queryKey: sampleKeys.all });
    } catch (error) {
      // a refused sheet did nothing: the next attempt is a new request
      idempotencyKey.current = crypto.randomUUID();
      if (error instanceof ApiError && error.fieldErrors.length) {
        const mapped = mapRowErrors(error.fieldErrors);
        setErrors(mapped);
        setFormError(
          `${mapped.cells.size} of ${filled.length} rows need correcting; nothing was registered.${mapped.general.length ? ` ${mapped.general.join('; ')}` : ''}`,
        );
      } else setFormError(errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Bulk registration"
        subtitle="Register a whole delivery at once: paste the rows from a spreadsheet, check them, submit"
      />
      <Stack>
        {done && (
          <Alert
            color="green"
            icon={<IconCircleCheck aria-hidden />}
            title={`${done.length} samples registered`}
          >
            <Text size="sm" mb="sm">
              {done[0]?.number} to {done.at(-1)?.number}
            </Text>
            <Group>
              <Button
                size="xs"
                leftSection={<IconPrinter size={14} aria-hidden />}
                onClick={() =>
                  openPdf(() => labelsPdf(done.map((s) => s.id)), 'sample-labels.pdf').catch((e) =>
                    notifyError(e),
                  )
                }
              >
                Print {done.length} labels
              </Button>
              <Button size="xs" variant="default" component={Link} to={`/samples?project_id=${projectId}`}>
                Open the list
              </Button>
            </Group>
          </Alert>
        )}
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
            <RemoteSelect
              label="Project"
              required
              placeholder="Search by number or name"
              source={projectOptions}
              value={projectId}
              onChange={(v) => {
                setProjectId(v);
                setTrfId(null);
              }}
            />
            <Select
              label="TRF for the item numbers"
              description="Rows with a TRF item number are linked to this request"
              data={trfOptions}
              value={trfId}
              onChange={setTrfId}
              clearable
              disabled={!projectId || !trfOptions.length}
            />
          </SimpleGrid>
          <Stack>
            <FormError message={formError} />
            <BulkGrid rows={rows} onChange={setRows} errors={errors} />
          </Stack>
        </Card>
        <Group>
          <Button onClick={submit} loading={pending} disabled={!filled.length}>
            Register {filled.length || ''} sample{filled.length === 1 ? '' : 's'}
          </Button>
          <Button variant="default" component={Link} to="/samples">
            Cancel
          </Button>
        </Group>
      </Stack>
    </>
  );
}
