import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { type Audit, auditKeys, auditQuery, replaceAudit, useAudit } from '../../features/audits/api';
import {
  AUDIT_FIELDS,
  AuditForm,
  toFormValues,
  toInput,
  useAuditForm,
} from '../../features/audits/components/AuditForm';

export function AuditEditPage() {
  const { id = '' } = useParams();
  const audit = useAudit(id);
  useSetCrumb(audit.data?.number);
  if (audit.isLoading) return <Skeleton h={400} />;
  if (audit.error || !audit.data) return <QueryError error={audit.error} what="audit" />;
  return <EditForm audit={audit.data} />;
}

function EditForm({ audit }: { audit: Audit }) {
  const form = useAuditForm(audit);
  const edit = useRecordEdit({
    record: audit,
    form,
    replace: replaceAudit,
    toInput,
    toFormValues,
    query: auditQuery,
    keys: auditKeys,
    fields: AUDIT_FIELDS,
    detailPath: (record) => `/audits/${record.id}`,
    savedMessage: (updated) => `${updated.number} was saved.`,
    savedTitle: 'Audit saved',
  });
  const known = [
    ...(audit.lead_auditor_id && audit.lead_auditor_name
      ? [{ value: audit.lead_auditor_id, label: audit.lead_auditor_name }]
      : []),
    ...audit.auditor_ids.map((id, i) => ({ value: id, label: audit.auditor_names[i] ?? id })),
  ];
  return (
    <>
      <PageHeader title={`Edit ${audit.number}`} subtitle={`Version ${edit.base.version}`} />
      <AuditForm
        form={form}
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save changes"
        onCancel={edit.cancel}
        knownPeople={known}
      />
      {edit.conflictDialog}
    </>
  );
}
