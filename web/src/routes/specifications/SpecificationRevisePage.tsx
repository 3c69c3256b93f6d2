import { Alert, Anchor, Skeleton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  reviseSpecification,
  type Specification,
  specificationKeys,
  useSpecification,
} from '../../features/specifications/api';
import { SpecificationForm } from '../../features/specifications/components/SpecificationForm';
import {
  toReviseInput,
  useSpecificationForm,
} from '../../features/specifications/components/specificationForm';
import { notifySuccess } from '../../lib/notify';

/** Writes revision n+1: the form starts from the current revision's limits. */
export function SpecificationRevisePage() {
  const { id = '' } = useParams();
  const spec = useSpecification(id);
  useSetCrumb(spec.data ? `${spec.data.code} rev ${spec.data.revision}` : undefined);
  if (spec.isLoading) return <Skeleton h={400} />;
  if (spec.error || !spec.data) return <QueryError error={spec.error} what="specification" />;
  if (!spec.data.allowed_actions.includes('revise') || spec.data.archived_at)
    return (
      <Alert color="yellow" title="This revision cannot be revised">
        Revision {spec.data.revision} of {spec.data.code} is{' '}
        {spec.data.archived_at ? 'archived' : spec.data.status}. Only the current revision can be revised:{' '}
        <Anchor component={Link} to={`/specifications/${spec.data.id}`}>
          see its revisions
        </Anchor>
        .
      </Alert>
    );
  return <ReviseForm spec={spec.data} />;
}

function ReviseForm({ spec }: { spec: Specification }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useSpecificationForm(spec);
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => reviseSpecification(spec.id, toReviseInput(values), spec.version, idempotencyKey.current),
    {
      onSuccess: (next) => {
        void queryClient.invalidateQueries({ queryKey: specificationKeys.all });
        notifySuccess(
          `${next.code} revision ${next.revision} is now current; revision ${spec.revision} is superseded.`,
          'Specification revised',
        );
        navigate(`/specifications/${next.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader
        title={`Revise ${spec.code}`}
        subtitle={`Writes revision ${spec.revision + 1}; revision ${spec.revision} stays readable as superseded`}
      />
      <SpecificationForm
        form={form}
        mode="revise"
        current={spec}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel={`Write revision ${spec.revision + 1}`}
        onCancel={() => navigate(`/specifications/${spec.id}`)}
      />
    </>
  );
}
