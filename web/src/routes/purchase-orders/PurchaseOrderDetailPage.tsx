import { Anchor, Button, Card, Grid, Group, Progress, Skeleton, Stack, Table, Text } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCircleCheck,
  IconEdit,
  IconLock,
  IconPackageImport,
  IconSend,
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
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { StateBadge } from '../../components/ui/StateBadge';
import {
  PO_STATUS_LOOKS,
  type PurchaseOrder,
  type PurchaseOrderAction,
  purchaseOrderHistory,
  purchaseOrderKeys,
  receiveGoods,
  runPurchaseOrderAction,
  usePurchaseOrder,
  useReceipts,
} from '../../features/purchase-orders/api';
import { ReceiveDialog } from '../../features/purchase-orders/components/ReceiveDialog';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate, formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { notifySuccess } from '../../lib/notify';

export function PurchaseOrderDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const po = usePurchaseOrder(id);
  const [receiving, setReceiving] = useState(false);
  useSetCrumb(po.data?.number);
  if (po.isLoading) return <Skeleton h={400} />;
  if (po.error || !po.data)
    return <QueryError error={po.error} what="purchase order" onRetry={() => po.refetch()} />;
  const o = po.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: purchaseOrderKeys.all });
  const editable = o.status === 'draft' && hasRole(me.role, MANAGERS) && !o.archived_at;
  return (
    <>
      <PageHeader
        title={o.number}
        badge={<StateBadge status={o.status} looks={PO_STATUS_LOOKS} archived={!!o.archived_at} />}
        subtitle={`${o.supplier_name} · ${formatMoney(o.total, o.currency)}`}
        actions={
          <Group gap="xs">
            {o.allowed_actions.includes('receive') && (
              <Button
                leftSection={<IconPackageImport size={16} aria-hidden />}
                onClick={() => setReceiving(true)}
              >
                Receive goods
              </Button>
            )}
            <ActionBar<PurchaseOrderAction>
              allowed={o.allowed_actions}
              specs={{
                submit: {
                  label: 'Submit for approval',
                  icon: IconSend,
                  done: `${o.number} was submitted for approval.`,
                },
                approve: {
                  label: 'Approve',
                  icon: IconCircleCheck,
                  color: 'green',
                  confirm: {
                    title: `Approve ${o.number}?`,
                    message: `It commits ${formatMoney(o.total, o.currency)} with ${o.supplier_name}.`,
                  },
                  done: `${o.number} was approved.`,
                },
                order: {
                  label: 'Mark as ordered',
                  icon: IconTruckDelivery,
                  done: `${o.number} is placed with the supplier.`,
                },
                close: { label: 'Close', icon: IconLock, variant: 'light', done: `${o.number} was closed.` },
                return: {
                  label: 'Send back to draft',
                  icon: IconArrowBackUp,
                  variant: 'light',
                  reason: { title: 'Send back to draft', message: 'Say what should change.' },
                  done: `${o.number} is a draft again.`,
                },
                cancel: {
                  label: 'Cancel order',
                  icon: IconX,
                  color: 'red',
                  variant: 'light',
                  reason: { title: `Cancel ${o.number}`, message: 'Say why the order is cancelled.' },
                  done: `${o.number} was cancelled.`,
                },
              }}
              run={(action, reason) => runPurchaseOrderAction(o.id, action, o.version, reason)}
              onSettled={refresh}
            />
            {editable && (
              <Button
                component={Link}
                to={`/purchase-orders/${o.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
          </Group>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder padding="lg">
              <PoLines order={o} />
            </Card>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  {
                    label: 'Supplier',
                    value: (
                      <Anchor component={Link} to={`/suppliers/${o.supplier_id}`}>
                        {o.supplier_name} ({o.supplier_approval_status})
                      </Anchor>
                    ),
                  },
                  { label: 'Order date', value: formatDate(o.order_date) },
                  { label: 'Due date', value: formatDate(o.due_date) },
                  { label: 'Submitted', value: o.submitted_at ? formatDateTime(o.submitted_at) : null },
                  { label: 'Approved', value: o.approved_at ? formatDateTime(o.approved_at) : null },
                  { label: 'Ordered', value: o.ordered_at ? formatDateTime(o.ordered_at) : null },
                  { label: 'Received', value: o.received_at ? formatDateTime(o.received_at) : null },
                  { label: 'Reason', value: o.status_reason },
                  { label: 'Notes', value: o.notes },
                ]}
              />
            </Card>
            <Receipts order={o} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryCard
            queryKey={[...purchaseOrderKeys.history(o.id), o.version]}
            fetchPage={(skip) => purchaseOrderHistory(o.id, skip)}
          />
        </Grid.Col>
      </Grid>
      <ReceiveDialog
        order={o}
        opened={receiving}
        onClose={() => setReceiving(false)}
        onReceive={async (lines, key) => {
          const updated = await receiveGoods(o.id, lines, o.version, key);
          notifySuccess(
            `${updated.number} is now ${PO_STATUS_LOOKS[updated.status].label.toLowerCase()}.`,
            'Goods received',
          );
          await refresh();
        }}
      />
    </>
  );
}

function PoLines({ order }: { order: PurchaseOrder }) {
  const rate = order.tax_rate.replace(/\.?0+$/, '') || '0';
  const receiving = ['ordered', 'partially_received', 'received', 'closed'].includes(order.status);
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table data-testid="po-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">Qty</Table.Th>
            <Table.Th ta="right">Unit price</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            {receiving && <Table.Th w={160}>Received</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" c="dimmed">
                  No lines yet: edit the draft to add what is ordered.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {order.lines.map((l) => {
            const pct = Math.min(100, (Number(l.received_quantity) / Number(l.quantity)) * 100);
            return (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Text size="sm">{l.description}</Text>
                  {l.item_code && (
                    <Text size="xs" c="dimmed">
                      {l.item_code}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {l.quantity} {l.unit ?? ''}
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {formatMoney(l.unit_price)}
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {formatMoney(l.line_total)}
                </Table.Td>
                {receiving && (
                  <Table.Td>
                    <Text size="xs" data-testid="received-quantity">
                      {l.received_quantity} of {l.quantity}
                    </Text>
                    <Progress
                      value={pct}
                      size="sm"
                      color={pct >= 100 ? 'green' : 'orange'}
                      aria-label={`Received ${l.received_quantity} of ${l.quantity}`}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Table w={300} ml="auto" withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>Subtotal</Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatMoney(order.subtotal)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>Tax {rate} %</Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatMoney(order.tax_amount)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td fw={700}>Total {order.currency}</Table.Td>
            <Table.Td ta="right" ff="monospace" fw={700} data-testid="po-total">
              {formatMoney(order.total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Receipts({ order }: { order: PurchaseOrder }) {
  const receipts = useReceipts(order.id, order.version);
  const items = receipts.data?.items ?? [];
  if (!items.length) return null;
  const lineOf = (id: string) => order.lines.find((l) => l.id === id);
  return (
    <SectionCard title="Receipts" titleGap="sm">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{formatDateTime(r.created_at)}</Table.Td>
              <Table.Td>{lineOf(r.line_id)?.description ?? r.line_id}</Table.Td>
              <Table.Td ta="right">{r.quantity}</Table.Td>
              <Table.Td>{r.received_by_name ?? '—'}</Table.Td>
              <Table.Td>{r.note ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </SectionCard>
  );
}
