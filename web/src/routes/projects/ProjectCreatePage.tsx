import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createProject, projectKeys } from '../../features/projects/api';
import { ProjectForm, toInput, useProjectForm } from '../../features/projects/components/ProjectForm';
import { notifySuccess } from '../../lib/notify';

export function ProjectCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useProjectForm();
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createProject(toInput(values), idempotencyKey.current),
    {
      onSuccess: (project) => {
        void queryClient.invalidateQueries({ queryKey: projectKeys.all });
        notifySuccess(`${project.number} · ${project.name} was created.`, 'Project created');
        navigate(`/projects/${project.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader
        title="New project"
        subtitle="Work without a quote; accepted quotes open their project by themselves"
      />
      <ProjectForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Create project"
        onCancel={() => navigate('/projects')}
      />
    </>
  );
}
