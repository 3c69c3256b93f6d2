import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { followReport, type ProgressEvent, type Report, reportKeys } from '../api';

/** The live progress of a report being generated, from its server-sent events. */
export function useReportProgress(report: Pick<Report, 'id' | 'status' | 'progress' | 'error'> | undefined) {
  const queryClient = useQueryClient();
  const active = report && (report.status === 'queued' || report.status === 'generating');
  const [state, setState] = useState<ProgressEvent | null>(null);
  const id = report?.id;
  useEffect(() => {
    if (!id || !active) return;
    const controller = new AbortController();
    followReport(id, setState, controller.signal)
      .catch(() => undefined) // the stream may drop; the page still shows the stored state
      .finally(() => {
        if (!controller.signal.aborted) void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      });
    return () => controller.abort();
  }, [id, active, queryClient]);
  if (!report) return null;
  return state ?? { status: report.status, progress: report.progress, error: report.error };
}

/** A progress bar while the report is generated; the error when generation failed. */
export function ReportProgress({ report }: { report: Report }) {
  const live = useReportProgress(report);
  if (!live) return null;
  if (live.status === 'failed')
    return (
      <Alert color="red" title="Generation failed">
        {live.error ?? 'The report could not be generated.'} Regenerate it once the cause is fixed.
      </Alert>
    );
  if (live.status !== 'queued' && live.status !== 'generating') return null;
  return (
    <Stack gap={4} data-testid="report-progress">
      <Progress value={live.progress} animated aria-label="Report generation progress" size="lg" />
      <Text size="sm" c="dimmed">
        {live.status === 'queued' ? 'Waiting for a worker…' : `Generating the PDF: ${live.progress} %`}
      </Text>
    </Stack>
  );
}
