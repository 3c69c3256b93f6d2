import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, ListQuery } from '../../../components/data-table/types';
import { StateBadge } from '../../../components/ui/StateBadge';
import { formatDate } from '../../../lib/format';
import {
  CERTIFICATION_LOOKS,
  type Certification,
  type CertificationsQuery,
  certificationKeys,
  expiryColour,
  exportCertifications,
  listCertifications,
} from '../api';

/** "expires in 12 days", "expired 3 days ago", coloured: red once expired, amber within 30 days. */
export function ExpiryText({ c }: { c: Certification }) {
  const colour = expiryColour(c);
  const days = c.days_to_expiry;
  const words =
    days < 0
      ? `expired ${-days} day${days === -1 ? '' : 's'} ago`
      : days === 0
        ? 'expires today'
        : `in ${days} days`;
  return (
    <Text span size="sm" c={colour} fw={colour ? 600 : undefined} data-expiry={colour ?? 'ok'}>
      {formatDate(c.expiry_date)} ({words})
    </Text>
  );
}

const columns: Column<Certification>[] = [
  { key: 'number', header: 'Number', sortable: true },
  { key: 'product', header: 'Product' },
  { key: 'customer_name', header: 'Customer' },
  { key: 'standard', header: 'Standard' },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    render: (c) => (
      <StateBadge status={c.status} looks={CERTIFICATION_LOOKS} archived={Boolean(c.archived_at)} />
    ),
  },
  { key: 'issue_date', header: 'Issued', sortable: true, render: (c) => formatDate(c.issue_date) },
  { key: 'expiry_date', header: 'Expires', sortable: true, render: (c) => <ExpiryText c={c} /> },
];

export function CertificationsTable({ emptyAction }: { emptyAction?: ReactNode }) {
  return (
    <DataTable<Certification>
      id="certifications"
      noun="certificates"
      queryKey={certificationKeys.list()}
      fetchPage={(q: ListQuery) => listCertifications(q as CertificationsQuery)}
      exportFile={exportCertifications}
      columns={columns}
      getRowId={(c) => c.id}
      rowHref={(c) => `/certifications/${c.id}`}
      searchable
      archivable
      defaultSort="expiry_date"
      filters={[
        {
          name: 'status',
          label: 'Status',
          type: 'select',
          options: Object.entries(CERTIFICATION_LOOKS).map(([value, look]) => ({ value, label: look.label })),
        },
        { name: 'expiry_date_from', label: 'Expires from', type: 'date' },
        { name: 'expiry_date_to', label: 'Expires to', type: 'date' },
      ]}
      emptyState={{
        title: 'No certificates yet',
        description: 'Draft a certificate of conformity on approved results that pass a specification.',
        action: emptyAction,
      }}
    />
  );
}
