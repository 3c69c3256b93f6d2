import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createNcr, ncrKeys } from '../../features/ncrs/api';
import { NcrForm, toInput, useNcrForm } from '../../features/ncrs/components/NcrForm';
import { notifySuccess } from '../../lib/notify';

export function NcrCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useNcrForm();
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createNcr(toInput(values), idempotencyKey.current),
    {
      onSuccess: (ncr) => {
        void queryClient.invalidateQueries({ queryKey: ncrKeys.all });
        notifySuccess(`${ncr.number} was raised.`, 'NCR raised');
        navigate(`/ncrs/${ncr.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="Raise an NCR" />
      <NcrForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        onCancel={() => navigate('/ncrs')}
      />
    </>
  );
}
