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
import {
  type Project,
  projectKeys,
  projectQuery,
  replaceProject,
  useProject,
} from '../../features/projects/api';
import {
  PROJECT_FIELDS,
  ProjectForm,
  toFormValues,
  toInput,
  useProjectForm,
} from '../../features/projects/components/ProjectForm';
import { notifyError, notifySuccess } from '../../lib/notify';

export function ProjectEditPage() {
  const { id = '' } = useParams();
  const project = useProject(id);
  useSetCrumb(project.data?.number);
  if (project.isLoading) return <Skeleton h={400} />;
  if (project.error || !project.data) return <QueryError error={project.error} what="project" />;
  return <EditForm project={project.data} />;
}

function EditForm({ project }: { project: Project }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useProjectForm(project);
  const [version, setVersion] = useState(project.version);
  const [newer, setNewer] = useState<Project | null>(null);
  const saved = (updated: Project) => {
    queryClient.setQueryData(projectKeys.detail(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: projectKeys.all });
    notifySuccess(`${updated.number} was saved.`);
    navigate(`/projects/${updated.id}`);
  };
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => replaceProject(project.id, toInput(values), version),
    {
      onSuccess: saved,
      onError: (error) => {
        if (!isApiError(error, 412)) return false;
        void queryClient
          .fetchQuery({ ...projectQuery(project.id), staleTime: 0 })
          .then(setNewer)
          .catch(notifyError);
        return true;
      },
    },
  );
  return (
    <>
      <PageHeader title={`Edit ${project.number}`} subtitle={`Version ${version}`} />
      <ProjectForm
        form={form}
        project={project}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Save changes"
        onCancel={() => navigate(`/projects/${project.id}`)}
      />
      <ConflictDialog
        opened={newer !== null}
        fields={PROJECT_FIELDS}
        mine={toInput(form.getValues()) as Record<string, unknown>}
        theirs={newer as (Project & Record<string, unknown>) | null}
        overwriting={false}
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
          try {
            saved(await replaceProject(project.id, toInput(form.getValues()), newer.version));
          } catch (error) {
            notifyError(error, 'Could not overwrite');
          } finally {
            setNewer(null);
          }
        }}
      />
    </>
  );
}
