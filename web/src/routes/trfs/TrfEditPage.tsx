import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { replaceTrf, type Trf, trfKeys, trfQuery, useTrf } from '../../features/trfs/api';
import { TrfForm } from '../../features/trfs/components/TrfForm';
import { TRF_FIELDS, toFormValues, toInput, useTrfForm } from '../../features/trfs/components/trfForm';

/** Edits a submitted or returned TRF (a returned one is corrected here, then resubmitted). */
export function TrfEditPage({ portal = false }: { portal?: boolean }) {
  const { id = '' } = useParams();
  const trf = useTrf(id);
  useSetCrumb(trf.data?.number);
  if (trf.isLoading) return <Skeleton h={500} />;
  if (trf.error || !trf.data) return <QueryError error={trf.error} what="test request" />;
  return <EditForm trf={trf.data} portal={portal} />;
}

function EditForm({ trf, portal }: { trf: Trf; portal: boolean }) {
  const form = useTrfForm(trf);
  const edit = useRecordEdit({
    record: trf,
    form,
    replace: replaceTrf,
    toInput: toInput,
    toFormValues,
    query: trfQuery,
    keys: trfKeys,
    fields: TRF_FIELDS,
    detailPath: (record) => `${portal ? '/portal/test-requests' : '/trfs'}/${record.id}`,
    savedMessage: (updated) =>
      updated.status === 'returned'
        ? `${updated.number} was saved; resubmit it when it is ready.`
        : `${updated.number} was saved.`,
    savedTitle: 'Request saved',
  });
  return (
    <>
      <PageHeader
        title={`${trf.status === 'returned' ? 'Correct' : 'Edit'} ${trf.number}`}
        subtitle={`Version ${edit.base.version}`}
      />
      <TrfForm
        form={form}
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save request"
        onCancel={edit.cancel}
        staff={!portal}
        knownProject={{ value: trf.project_id, label: trf.project_number }}
        projectLocked={trf.sample_count > 0}
      />
      {edit.conflictDialog}
    </>
  );
}
