import { Anchor, Badge, Button, Card, Grid, Group, Skeleton, Stack } from '@mantine/core';
import {
  IconCash,
  IconCheck,
  IconFileInvoice,
  IconLock,
  IconPlayerPlay,
  IconTruckDelivery,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ActionBar } from '../../components/actions/ActionBar';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { LinesTable } from '../../components/priced-lines/LinesTable';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  INVOICING_LABELS,
  invoiceSalesOrder,
  markSalesOrderPaid,
  runSalesOrderAction,
  SALES_ORDER_STATUS_LABELS,
  type SalesOrderAction,
  salesOrderHistory,
  salesOrderKeys,
  useSalesOrder,
} from '../../features/sales-orders/api';
import { InvoiceDialog, PaidDialog } from '../../features/sales-orders/components/InvoicingDialogs';
import { formatDate } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { notifySuccess } from '../../lib/notify';

export function SalesOrderDetailPage() {
  const { id = '' } = useParams();
  const order = useSalesOrder(id);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'invoice' | 'paid' | null>(null);
  useSetCrumb(order.data?.number);
  if (order.isLoading) return <Skeleton h={400} />;
  if (order.error || !order.data)
    return <QueryError error={order.error} what="sales order" onRetry={() => order.refetch()} />;
  const o = order.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: salesOrderKeys.all });
  // invoicing is offered once the order is confirmed (the server says the same with a 409)
  const invoiceable = ['confirmed', 'in_progress', 'delivered', 'closed'].includes(o.status);
  return (
    <>
      <PageHeader
        title={o.number}
        badge={<Badge variant="light">{SALES_ORDER_STATUS_LABELS[o.status]}</Badge>}
        subtitle={`${o.customer_name} · ${formatMoney(o.total, o.currency)} · ${INVOICING_LABELS[o.invoicing_status]}`}
        actions={
          <Group gap="xs">
            <ActionBar<SalesOrderAction>
              allowed={o.allowed_actions}
              specs={{
                confirm: { label: 'Confirm', icon: IconCheck, done: `${o.number} is confirmed.` },
                start: { label: 'Start work', icon: IconPlayerPlay, done: `${o.number} is in progress.` },
                deliver: {
                  label: 'Mark delivered',
                  icon: IconTruckDelivery,
                  done: `${o.number} is delivered.`,
                },
                close: { label: 'Close', icon: IconLock, variant: 'light', done: `${o.number} is closed.` },
                cancel: {
                  label: 'Cancel order',
                  icon: IconX,
                  color: 'red',
                  variant: 'light',
                  reason: { title: `Cancel ${o.number}`, message: 'Say why the order is cancelled.' },
                  done: `${o.number} was cancelled.`,
                },
              }}
              run={(action, reason) => runSalesOrderAction(o.id, action, o.version, reason)}
              onSettled={refresh}
            />
            {invoiceable && o.allowed_actions.includes('invoice') && (
              <Button
                variant="light"
                leftSection={<IconFileInvoice size={16} aria-hidden />}
                onClick={() => setDialog('invoice')}
              >
                Record invoice
              </Button>
            )}
            {o.allowed_actions.includes('mark-paid') && (
              <Button
                variant="light"
                color="green"
                leftSection={<IconCash size={16} aria-hidden />}
                onClick={() => setDialog('paid')}
              >
                Mark paid
              </Button>
            )}
          </Group>
        }
      />
      <InvoiceDialog
        opened={dialog === 'invoice'}
        onClose={() => setDialog(null)}
        onInvoice={async (body) => {
          const updated = await invoiceSalesOrder(o.id, body, o.version);
          notifySuccess(`${updated.number} is invoiced as ${updated.invoice_number}.`);
          await refresh();
        }}
      />
      <PaidDialog
        opened={dialog === 'paid'}
        onClose={() => setDialog(null)}
        onPaid={async (body) => {
          const updated = await markSalesOrderPaid(o.id, body, o.version);
          notifySuccess(`${updated.number} is paid.`);
          await refresh();
        }}
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
                  { label: 'Invoicing', value: INVOICING_LABELS[o.invoicing_status] },
                  {
                    label: 'Invoice',
                    value: o.invoice_number ? `${o.invoice_number} of ${formatDate(o.invoice_date)}` : null,
                  },
                  { label: 'Paid', value: o.paid_date ? formatDate(o.paid_date) : null },
                  { label: 'Cancelled because', value: o.status_reason },
                  { label: 'Notes', value: o.notes },
                ]}
              />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...salesOrderKeys.history(o.id), o.version]}
            fetchPage={(skip) => salesOrderHistory(o.id, skip)}
          />
        </Grid.Col>
      </Grid>
    </>
  );
}
