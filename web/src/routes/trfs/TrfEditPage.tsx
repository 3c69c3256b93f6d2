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
import { replaceTrf, type Trf, trfKeys, trfQuery, useTrf } from '../../features/trfs/api';
import { TrfForm } from '../../features/trfs/components/TrfForm';
import { TRF_FIELDS, toFormValues, toInput, useTrfForm } from '../../features/trfs/components/trfForm';
import { notifyError, notifySuccess } from '../../lib/notify';

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
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useTrfForm(trf);
  const [version, setVersion] = useState(trf.version);
  const [newer, setNewer] = useState<Trf | null>(null);
  const [overwriting, setOverwriting] = useState(false);
  const detailPath = `${portal ? '/portal/test-requests' : '/trfs'}/${trf.id}`;

  const saved = (updated: Trf) => {
    queryClient.setQueryData(trfKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: trfKeys.all });
    notifySuccess(
      updated.status === 'returned'
        ? `${updated.number} was saved; resubmit it when it is ready.`
        : `${updated.number} was saved.`,
      'Request saved',
    );
    navigate(detailPath);
  };

  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => replaceTrf(trf.id, toInput(values), version),
    {
      onSuccess: saved,
      onError: (error) => {
        if (!isApiError(error, 412)) return false;
        void queryClient
          .fetchQuery({ ...trfQuery(trf.id), staleTime: 0 })
          .then(setNewer)
          .catch(notifyError);
        return true;
      },
    },
  );

  return (
    <>
      <PageHeader
        title={`${trf.status === 'returned' ? 'Correct' : 'Edit'} ${trf.number}`}
        subtitle={`Version ${version}`}
      />
      <TrfForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Save request"
        onCancel={() => navigate(detailPath)}
        staff={!portal}
        knownProject={{ value: trf.project_id, label: trf.project_number }}
        projectLocked={trf.sample_count > 0}
      />
      <ConflictDialog
        opened={newer !== null}
        fields={TRF_FIELDS}
        mine={toInput(form.getValues()) as unknown as Record<string, unknown>}
        theirs={newer as (Trf & Record<string, unknown>) | null}
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
            saved(await replaceTrf(trf.id, toInput(form.getValues()), newer.version));
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
