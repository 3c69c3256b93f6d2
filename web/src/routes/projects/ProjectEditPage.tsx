import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
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

export function ProjectEditPage() {
  const { id = '' } = useParams();
  const project = useProject(id);
  useSetCrumb(project.data?.number);
  if (project.isLoading) return <Skeleton h={400} />;
  if (project.error || !project.data) return <QueryError error={project.error} what="project" />;
  return <EditForm project={project.data} />;
}

function EditForm({ project }: { project: Project }) {
  const form = useProjectForm(project);
  const edit = useRecordEdit({
    record: project,
    form,
    replace: replaceProject,
    toInput: toInput,
    toFormValues,
    query: projectQuery,
    keys: projectKeys,
    fields: PROJECT_FIELDS,
    detailPath: (record) => `/projects/${record.id}`,
    savedMessage: (updated) => `${updated.number} was saved.`,
  });
  return (
    <>
      <PageHeader title={`Edit ${project.number}`} subtitle={`Version ${edit.base.version}`} />
      <ProjectForm
        form={form}
        project={project}
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save changes"
        onCancel={edit.cancel}
      />
      {edit.conflictDialog}
    </>
  );
}
