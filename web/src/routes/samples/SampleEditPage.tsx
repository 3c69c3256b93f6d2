import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
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

export function SampleEditPage() {
  const { id = '' } = useParams();
  const sample = useSample(id);
  useSetCrumb(sample.data?.number);
  if (sample.isLoading) return <Skeleton h={400} />;
  if (sample.error || !sample.data) return <QueryError error={sample.error} what="sample" />;
  return <EditForm sample={sample.data} />;
}

function EditForm({ sample }: { sample: Sample }) {
  const form = useSampleForm(sample);
  const edit = useRecordEdit({
    record: sample,
    form,
    replace: replaceSample,
    toInput: toInput,
    toFormValues,
    query: sampleQuery,
    keys: sampleKeys,
    fields: SAMPLE_FIELDS,
    detailPath: (record) => `/samples/${record.id}`,
    savedMessage: (updated) => `${updated.number} was saved.`,
    savedTitle: 'Sample saved',
  });
  return (
    <>
      <PageHeader title={`Edit ${sample.number}`} subtitle={`Version ${edit.base.version}`} />
      <SampleForm
        form={form}
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save changes"
        onCancel={edit.cancel}
        editing
        knownProject={{ value: sample.project_id, label: sample.project_number }}
      />
      {edit.conflictDialog}
    </>
  );
}
