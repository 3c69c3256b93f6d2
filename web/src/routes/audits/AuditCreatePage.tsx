import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { auditKeys, createAudit } from '../../features/audits/api';
import { AuditForm, toInput, useAuditForm } from '../../features/audits/components/AuditForm';
import { notifySuccess } from '../../lib/notify';

export function AuditCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useAuditForm();
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createAudit(toInput(values), idempotencyKey.current),
    {
      onSuccess: (audit) => {
        void queryClient.invalidateQueries({ queryKey: auditKeys.all });
        notifySuccess(`${audit.number} was planned.`, 'Audit planned');
        navigate(`/audits/${audit.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="Plan an audit" />
      <AuditForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Plan audit"
        onCancel={() => navigate('/audits')}
      />
    </>
  );
}
