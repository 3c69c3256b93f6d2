import { Button, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { errorMessage, isApiError, unwrap } from '../../../api/problem';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import { createReport, searchProjects } from '../api';

/**
 * "Generate report": a project, optionally some of its samples, a title. The server answers at
 * once with the report queued; the detail page then shows the live progress.
 */
export function GenerateReportDialog({
  opened,
  onClose,
  projectId: fixedProject,
}: {
  opened: boolean;
  onClose: () => void;
  projectId?: string;
}) {
  const navigate = useNavigate();
  const [projectId, setProjectId] = useState<string | null>(fixedProject ?? null);
  const [sampleIds, setSampleIds] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const key = useRef(crypto.randomUUID());
  const samples = useQuery({
    queryKey: ['samples', 'of-project', projectId],
    enabled: Boolean(projectId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/samples', {
          params: { query: { project_id: projectId!, limit: 100, sort: 'number' } },
        }),
      ),
  });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!projectId) return setFieldErrors({ project_id: 'Choose the project to report' });
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const report = await createReport(
        {
          project_id: projectId,
          ...(sampleIds.length ? { sample_ids: sampleIds } : {}),
          title: title.trim() || null,
        },
        key.current,
      );
      key.current = crypto.randomUUID();
      onClose();
      navigate(`/reports/${report.id}`);
    } catch (e) {
      if (isApiError(e, 422))
        setFieldErrors(
          Object.fromEntries(e.fieldErrors.map((f) => [f.field.replace(/\[\d+\]$/, ''), f.message])),
        );
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Generate a test report" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            The report lists the approved results of the project (or of the samples you choose). It is
            generated in the background; you can follow its progress and preview the draft before issuing it.
          </Text>
          <FormError message={error} />
          {!fixedProject && (
            <RemoteSelect
              label="Project"
              required
              data-autofocus
              source={{ queryKey: ['projects', 'options'], search: searchProjects }}
              value={projectId}
              onChange={(v) => {
                setProjectId(v);
                setSampleIds([]);
              }}
              error={fieldErrors.project_id}
            />
          )}
          <MultiSelect
            label="Samples"
            description="Leave empty to report every sample with approved results"
            disabled={!projectId}
            searchable
            clearable
            data={(samples.data?.items ?? []).map((s) => ({
              value: s.id,
              label: `${s.number} · ${s.description}`,
            }))}
            value={sampleIds}
            onChange={setSampleIds}
            error={fieldErrors.sample_ids}
          />
          <TextInput
            label="Title"
            placeholder="e.g. Tensile properties, lot 7"
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Back
            </Button>
            <Button type="submit" loading={pending}>
              Generate
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
