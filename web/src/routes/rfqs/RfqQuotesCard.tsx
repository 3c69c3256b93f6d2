import { Alert, Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { SectionCard } from '../../components/detail/SectionCard';
import { LinesTable } from '../../components/priced-lines/LinesTable';
import { type Quote, useRfqQuotes } from '../../features/estimations/api';
import { isLapsed, QuoteActions } from '../../features/estimations/components/QuoteActions';
import { QuoteStatusBadge } from '../../features/estimations/components/QuoteStatusBadge';
import type { Rfq } from '../../features/rfqs/api';
import { formatDate } from '../../lib/format';
import { formatMoney } from '../../lib/money';

/**
 * The quotes made for an RFQ, linking the chain onwards (quote → project → sales order). Staff see
 * every revision as a row; a portal customer sees each quote it was sent, with its lines, the PDF
 * and (while it is open) Accept and Reject.
 */
export function RfqQuotesCard({ rfq, portal }: { rfq: Rfq; portal: boolean }) {
  const quotes = useRfqQuotes(rfq.id);
  const items = quotes.data?.items ?? [];
  return (
    <SectionCard title="Quotes" titleGap="sm">
      {quotes.isLoading && <Text size="sm">Loading…</Text>}
      {!quotes.isLoading && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {portal ? 'The laboratory has not sent a quote yet.' : 'No quote yet.'}
        </Text>
      )}
      {portal ? (
        <Stack>
          {items
            .filter((q) => q.status !== 'superseded')
            .map((q) => (
              <PortalQuote key={q.id} quote={q} />
            ))}
        </Stack>
      ) : (
        items.length > 0 && <StaffQuotes quotes={items} />
      )}
    </SectionCard>
  );
}

function StaffQuotes({ quotes }: { quotes: Quote[] }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="rfq-quotes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Quote</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th>Valid until</Table.Th>
            <Table.Th>Project</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {quotes.map((q) => (
            <Table.Tr key={q.id}>
              <Table.Td>
                <Anchor component={Link} to={`/quotes/${q.id}`}>
                  {q.number} rev {q.revision}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <QuoteStatusBadge status={q.status} />
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatMoney(q.total, q.currency)}
              </Table.Td>
              <Table.Td>{formatDate(q.valid_until)}</Table.Td>
              <Table.Td>
                {q.project_id ? (
                  <Anchor component={Link} to={`/projects/${q.project_id}`}>
                    Open project
                  </Anchor>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PortalQuote({ quote }: { quote: Quote }) {
  return (
    <Card withBorder padding="md" data-testid="portal-quote">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="sm">
          <Text fw={600}>
            {quote.number} revision {quote.revision}
          </Text>
          <QuoteStatusBadge status={quote.status} />
        </Group>
        <Group gap="xs">
          <QuoteActions quote={quote} customerView />
        </Group>
      </Group>
      {quote.status === 'sent' && (
        <Text size="sm" c="dimmed" mb="sm">
          Valid until {formatDate(quote.valid_until)}
        </Text>
      )}
      {quote.status === 'sent' && isLapsed(quote) && (
        <Alert color="orange" mb="sm">
          This quote has expired. Ask the laboratory for a new revision.
        </Alert>
      )}
      <LinesTable doc={quote} />
      {quote.project_id && (
        <Text size="sm" mt="sm">
          Accepted: your project is{' '}
          <Anchor component={Link} to={`/portal/projects/${quote.project_id}`}>
            open here
          </Anchor>
          .
        </Text>
      )}
      {quote.notes && (
        <Text size="sm" mt="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {quote.notes}
        </Text>
      )}
    </Card>
  );
}
