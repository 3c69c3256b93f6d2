import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createPlan, planKeys } from '../../features/test-plans/api';
import { PlanForm, toPlanInput, usePlanForm } from '../../features/test-plans/components/PlanForm';
import { notifySuccess } from '../../lib/notify';

/** New plan; `?project_id=` preselects the project (from the project page). */
export function PlanCreatePage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const form = usePlanForm(params.get('project_id'));
  // One key per form: a retried submit cannot create two plans.
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createPlan(toPlanInput(values), idempotencyKey.current),
    {
      onSuccess: (plan) => {
        void queryClient.invalidateQueries({ queryKey: planKeys.all });
        notifySuccess(
          `${plan.sample_ids.length} execution(s) are waiting at the bench.`,
          'Test plan created',
        );
        navigate(`/test-plans/${plan.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="New test plan" />
      <PlanForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        onCancel={() => navigate(-1)}
      />
    </>
  );
}
