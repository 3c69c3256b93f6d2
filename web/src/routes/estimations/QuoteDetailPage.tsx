import { Alert, Anchor, Button, Card, Grid, Skeleton, Stack, Table } from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { LinesTable } from '../../components/priced-lines/LinesTable';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  type Quote,
  quoteHistory,
  quoteKeys,
  useQuote,
  useQuoteRevisions,
} from '../../features/estimations/api';
import { isLapsed, QuoteActions } from '../../features/estimations/components/QuoteActions';
import { QuoteStatusBadge } from '../../features/estimations/components/QuoteStatusBadge';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate, formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';

export function QuoteDetailPage() {
  const { id = '' } = useParams();
  const quote = useQuote(id);
  useSetCrumb(quote.data ? `${quote.data.number} rev ${quote.data.revision}` : undefined);
  if (quote.isLoading) return <Skeleton h={400} />;
  if (quote.error || !quote.data)
    return <QueryError error={quote.error} what="quote" onRetry={() => quote.refetch()} />;
  return <QuoteDetail quote={quote.data} />;
}

const link = (to: string, text: string | null) =>
  text ? (
    <Anchor component={Link} to={to}>
      {text}
    </Anchor>
  ) : null;

function QuoteDetail({ quote }: { quote: Quote }) {
  const me = useMe();
  const navigate = useNavigate();
  const canEdit = hasRole(me.role, MANAGERS) && quote.status === 'draft' && !quote.archived_at;
  return (
    <>
      <PageHeader
        title={`${quote.number} rev ${quote.revision}${quote.title ? ` · ${quote.title}` : ''}`}
        badge={<QuoteStatusBadge status={quote.status} archived={Boolean(quote.archived_at)} />}
        subtitle={`${quote.customer_name} · total ${formatMoney(quote.total, quote.currency)}`}
        actions={
          <>
            {canEdit && (
              <Button
                component={Link}
                to={`/quotes/${quote.id}/edit`}
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
            <QuoteActions quote={quote} onRevised={(next) => navigate(`/quotes/${next.id}`)} />
          </>
        }
      />
      {quote.status === 'sent' && isLapsed(quote) && (
        <Alert color="orange" mb="md" title="Validity has passed">
          It can no longer be accepted. Mark it expired, or revise it with a new validity date.
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder padding="lg">
              <LinesTable doc={quote} />
            </Card>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  { label: 'Customer', value: link(`/customers/${quote.customer_id}`, quote.customer_name) },
                  {
                    label: 'RFQ',
                    value: quote.rfq_id
                      ? link(`/rfqs/${quote.rfq_id}`, quote.rfq_number)
                      : 'None (standalone quote)',
                  },
                  { label: 'Valid until', value: formatDate(quote.valid_until) },
                  { label: 'Sent', value: quote.sent_at ? formatDateTime(quote.sent_at) : null },
                  { label: 'Decided', value: quote.decided_at ? formatDateTime(quote.decided_at) : null },
                  { label: 'Reason given', value: quote.decision_reason },
                  {
                    label: 'Project',
                    value: quote.project_id ? link(`/projects/${quote.project_id}`, 'Open project') : null,
                  },
                  {
                    label: 'Sales order',
                    value: quote.sales_order_id
                      ? link(`/sales-orders/${quote.sales_order_id}`, 'Open sales order')
                      : null,
                  },
                  { label: 'Notes', value: quote.notes },
                ]}
              />
            </Card>
            <RevisionsCard quote={quote} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...quoteKeys.history(quote.id), quote.version]}
            fetchPage={(skip) => quoteHistory(quote.id, skip)}
          />
        </Grid.Col>
      </Grid>
    </>
  );
}

/** Every revision of this quote number; earlier ones stay readable. */
function RevisionsCard({ quote }: { quote: Quote }) {
  const revisions = useQuoteRevisions(quote.id, quote.version);
  const items = revisions.data?.items ?? [];
  if (items.length < 2) return null;
  return (
    <SectionCard title="Revisions" titleGap="sm">
      <Table data-testid="quote-revisions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Revision</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id} fw={r.id === quote.id ? 700 : undefined}>
              <Table.Td>
                {r.id === quote.id
                  ? `rev ${r.revision} (this one)`
                  : link(`/quotes/${r.id}`, `rev ${r.revision}`)}
              </Table.Td>
              <Table.Td>
                <QuoteStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatMoney(r.total, r.currency)}
              </Table.Td>
              <Table.Td>{formatDate(r.created_at)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </SectionCard>
  );
}
