import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createSample, type Sample, sampleKeys } from '../../features/samples/api';
import { SampleForm } from '../../features/samples/components/SampleForm';
import { toInput, useSampleForm } from '../../features/samples/components/sampleForm';
import { notifySuccess } from '../../lib/notify';

/** Registers one sample as it arrives (`/samples/new?project_id=…&trf_id=…` prefills). */
export function SampleRegisterPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const form = useSampleForm(undefined, {
    project_id: params.get('project_id'),
    trf_id: params.get('trf_id'),
  });
  // One key per form: a retried submit cannot register the sample twice.
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createSample(toInput(values), idempotencyKey.current),
    {
      onSuccess: (sample: Sample) => {
        void queryClient.invalidateQueries({ queryKey: sampleKeys.all });
        notifySuccess(`${sample.number} was registered.`, 'Sample received');
        navigate(`/samples/${sample.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader
        title="Register a sample"
        subtitle="Record a received item; it gets its SMP number and a label"
      />
      <SampleForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Register sample"
        onCancel={() => navigate('/samples')}
      />
    </>
  );
}
