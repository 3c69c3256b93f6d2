import { Anchor, Badge, Card, Grid, Skeleton, Stack, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { Fields } from '../../components/detail/Fields';
import { HistoryTimeline } from '../../components/detail/HistoryTimeline';
import { LinesTable } from '../../components/priced-lines/LinesTable';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  SALES_ORDER_STATUS_LABELS,
  salesOrderHistory,
  salesOrderKeys,
  useSalesOrder,
} from '../../features/sales-orders/api';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate } from '../../lib/format';
import { formatMoney } from '../../lib/money';

export function SalesOrderDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const order = useSalesOrder(id);
  useSetCrumb(order.data?.number);
  if (order.isLoading) return <Skeleton h={400} />;
  if (order.error || !order.data)
    return <QueryError error={order.error} what="sales order" onRetry={() => order.refetch()} />;
  const o = order.data;
  return (
    <>
      <PageHeader
        title={o.number}
        badge={<Badge variant="light">{SALES_ORDER_STATUS_LABELS[o.status]}</Badge>}
        subtitle={`${o.customer_name} · ${formatMoney(o.total, o.currency)}`}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder padding="lg">
              <LinesTable doc={o} />
            </Card>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  {
                    label: 'Customer',
                    value: (
                      <Anchor component={Link} to={`/customers/${o.customer_id}`}>
                        {o.customer_name}
                      </Anchor>
                    ),
                  },
                  {
                    label: 'Project',
                    value: o.project_id ? (
                      <Anchor component={Link} to={`/projects/${o.project_id}`}>
                        {o.project_number}
                      </Anchor>
                    ) : null,
                  },
                  {
                    label: 'Quote',
                    value: o.estimation_id ? (
                      <Anchor component={Link} to={`/quotes/${o.estimation_id}`}>
                        Open the accepted quote
                      </Anchor>
                    ) : (
                      'None (entered by hand)'
                    ),
                  },
                  { label: 'Ordered', value: formatDate(o.order_date) },
                  { label: 'Invoicing', value: o.invoicing_status.replace('_', ' ') },
                  { label: 'Notes', value: o.notes },
                ]}
              />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding="lg">
            <Title order={2} fz="h4" mb="md">
              History
            </Title>
            <HistoryTimeline
              queryKey={[...salesOrderKeys.history(o.id), o.version]}
              fetchPage={(skip) => salesOrderHistory(o.id, skip)}
              actorName={(actor) =>
                actor === me.id ? 'by you' : actor ? `by user …${actor.slice(-6)}` : 'by the system'
              }
            />
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
