import { Skeleton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createTrf, myCompany, type Trf, trfKeys } from '../../features/trfs/api';
import { TrfForm } from '../../features/trfs/components/TrfForm';
import { type TrfDefaults, toInput, useTrfForm } from '../../features/trfs/components/trfForm';
import { useMe } from '../../lib/auth/useAuth';
import { notifySuccess } from '../../lib/notify';

/**
 * A new TRF: by lab staff on a customer's behalf (`/trfs/new?project_id=…`), or by a portal
 * customer ("Submit a test request"), whose applicant details come from its account and company.
 */
export function TrfCreatePage({ portal = false }: { portal?: boolean }) {
  const me = useMe();
  const company = useQuery({ queryKey: ['trfs', 'my-company'], queryFn: myCompany, enabled: portal });
  const [params] = useSearchParams();
  if (portal && company.isLoading) return <Skeleton h={500} />;
  const c = company.data;
  const defaults: TrfDefaults = {
    project_id: params.get('project_id'),
    ...(portal && {
      applicant: {
        name: me.full_name,
        email: me.email,
        company: c?.company_name ?? '',
        address: c?.address ?? '',
        phone: c?.phone ?? '',
      },
      signature_name: me.full_name,
    }),
  };
  return <CreateForm portal={portal} defaults={defaults} />;
}

function CreateForm({ portal, defaults }: { portal: boolean; defaults: TrfDefaults }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useTrfForm(undefined, defaults);
  // One key per form: a retried submit (double click, network hiccup) cannot file two requests.
  const idempotencyKey = useRef(crypto.randomUUID());
  const listPath = portal ? '/portal/test-requests' : '/trfs';
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createTrf(toInput(values), idempotencyKey.current),
    {
      onSuccess: (trf: Trf) => {
        void queryClient.invalidateQueries({ queryKey: trfKeys.all });
        notifySuccess(`${trf.number} was submitted to the laboratory.`, 'Test request submitted');
        navigate(`${listPath}/${trf.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader
        title={portal ? 'Submit a test request' : 'New TRF'}
        subtitle={
          portal
            ? 'Tell the laboratory what to test your items for. You can correct the request if it is returned to you.'
            : 'File a test request form on a customer’s behalf'
        }
      />
      <TrfForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Submit request"
        onCancel={() => navigate(listPath)}
        staff={!portal}
      />
    </>
  );
}
