import { Skeleton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ConflictDialog } from '../../components/dialogs/ConflictDialog';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { replaceSample, type Sample, sampleKeys, sampleQuery, useSample } from '../../features/samples/api';
import { SampleForm } from '../../features/samples/components/SampleForm';
import {
  SAMPLE_FIELDS,
  toFormValues,
  toInput,
  useSampleForm,
} from '../../features/samples/components/sampleForm';
import { notifyError, notifySuccess } from '../../lib/notify';

export function SampleEditPage() {
  const { id = '' } = useParams();
  const sample = useSample(id);
  useSetCrumb(sample.data?.number);
  if (sample.isLoading) return <Skeleton h={400} />;
  if (sample.error || !sample.data) return <QueryError error={sample.error} what="sample" />;
  return <EditForm sample={sample.data} />;
}

function EditForm({ sample }: { sample: Sample }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useSampleForm(sample);
  const [version, setVersion] = useState(sample.version);
  const [newer, setNewer] = useState<Sample | null>(null);
  const [overwriting, setOverwriting] = useState(false);

  const saved = (updated: Sample) => {
    queryClient.setQueryData(sampleKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: sampleKeys.all });
    notifySuccess(`${updated.number} was saved.`, 'Sample saved');
    navigate(`/samples/${updated.id}`);
  };
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => replaceSample(sample.id, toInput(values), version),
    {
      onSuccess: saved,
      onError: (error) => {
        if (!isApiError(error, 412)) return false;
        void queryClient
          .fetchQuery({ ...sampleQuery(sample.id), staleTime: 0 })
          .then(setNewer)
          .catch(notifyError);
        return true;
      },
    },
  );

  return (
    <>
      <PageHeader title={`Edit ${sample.number}`} subtitle={`Version ${version}`} />
      <SampleForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Save changes"
        onCancel={() => navigate(`/samples/${sample.id}`)}
        editing
        knownProject={{ value: sample.project_id, label: sample.project_number }}
      />
      <ConflictDialog
        opened={newer !== null}
        fields={SAMPLE_FIELDS}
        mine={toInput(form.getValues()) as unknown as Record<string, unknown>}
        theirs={newer as (Sample & Record<string, unknown>) | null}
        overwriting={overwriting}
        onCancel={() => {
          if (newer) setVersion(newer.version);
          setNewer(null);
        }}
        onReload={() => {
          if (!newer) return;
          form.setValues(toFormValues(newer));
          form.resetDirty();
          setVersion(newer.version);
          setNewer(null);
        }}
        onOverwrite={async () => {
          if (!newer) return;
          setOverwriting(true);
          try {
            saved(await replaceSample(sample.id, toInput(form.getValues()), newer.version));
          } catch (error) {
            notifyError(error, 'Could not overwrite');
          } finally {
            setOverwriting(false);
            setNewer(null);
          }
        }}
      />
    </>
  );
}
