import { Anchor, Button, Card, Grid, Skeleton, Stack, Text } from '@mantine/core';
import { IconCircleX, IconEdit, IconEye, IconFileDollar, IconThumbDown } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ActionBar, type ActionSpec } from '../../components/actions/ActionBar';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { type Rfq, type RfqAction, rfqAction, rfqHistory, rfqKeys, useRfq } from '../../features/rfqs/api';
import { RfqStatusBadge } from '../../features/rfqs/components/RfqStatusBadge';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate, formatDateTime } from '../../lib/format';
import { RfqQuotesCard } from './RfqQuotesCard';

const SPECS: Record<RfqAction, ActionSpec> = {
  review: { label: 'Start review', icon: IconEye, variant: 'light', done: 'The request is under review.' },
  lose: {
    label: 'Mark lost',
    icon: IconThumbDown,
    color: 'orange',
    variant: 'default',
    reason: { title: 'Mark this request lost?', message: 'Record why the customer went elsewhere.' },
    done: 'The request is marked lost.',
  },
  cancel: {
    label: 'Cancel request',
    icon: IconCircleX,
    color: 'red',
    variant: 'default',
    reason: { title: 'Cancel this request?', message: 'It closes for good; say why.' },
    done: 'The request was cancelled.',
  },
};

/** One RFQ: staff see it with its quotes and history; a portal customer (`portal`) sees its own. */
export function RfqDetailPage({ portal = false }: { portal?: boolean }) {
  const { id = '' } = useParams();
  const rfq = useRfq(id);
  useSetCrumb(rfq.data?.number);
  if (rfq.isLoading) return <Skeleton h={400} />;
  if (rfq.error || !rfq.data)
    return <QueryError error={rfq.error} what="request" onRetry={() => rfq.refetch()} />;
  return <RfqDetail rfq={rfq.data} portal={portal} />;
}

function RfqDetail({ rfq, portal }: { rfq: Rfq; portal: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const manager = !portal && hasRole(me.role, MANAGERS);
  const editable = portal
    ? rfq.status === 'received'
    : manager && ['received', 'under_review'].includes(rfq.status);
  const open = ['received', 'under_review', 'quoted'].includes(rfq.status);
  const base = portal ? '/portal/requests' : '/rfqs';
  return (
    <>
      <PageHeader
        title={`${rfq.number} · ${rfq.title}`}
        badge={<RfqStatusBadge status={rfq.status} archived={Boolean(rfq.archived_at)} />}
        subtitle={portal ? `Received ${formatDate(rfq.received_date)}` : rfq.customer_name}
        actions={
          <>
            {manager && open && (
              <Button
                component={Link}
                to={`/quotes/new?rfq=${rfq.id}`}
                leftSection={<IconFileDollar size={16} aria-hidden />}
              >
                Make quote
              </Button>
            )}
            {editable && !rfq.archived_at && (
              <Button
                component={Link}
                to={`${base}/${rfq.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
            <ActionBar<RfqAction>
              allowed={rfq.allowed_actions}
              specs={SPECS}
              run={(action, reason) => rfqAction(rfq, action, reason)}
              onSettled={() => queryClient.invalidateQueries({ queryKey: rfqKeys.all })}
            />
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: portal ? 12 : 8 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Fields
                items={[
                  ...(portal
                    ? []
                    : [
                        {
                          label: 'Customer',
                          value: (
                            <Anchor component={Link} to={`/customers/${rfq.customer_id}`}>
                              {rfq.customer_name}
                            </Anchor>
                          ),
                        },
                      ]),
                  { label: 'Product', value: rfq.product_description },
                  { label: 'Requested tests', value: rfq.requested_tests },
                  {
                    label: 'Catalogue methods',
                    value: rfq.requested_methods.map((m) => `${m.code} — ${m.title}`).join('\n'),
                  },
                  { label: 'Items', value: rfq.quantity },
                  { label: 'Received', value: formatDate(rfq.received_date) },
                  { label: 'Results needed by', value: formatDate(rfq.due_date) },
                  { label: 'Notes', value: rfq.notes },
                  ...(rfq.status_reason
                    ? [
                        {
                          label: rfq.status === 'lost' ? 'Lost because' : 'Cancelled because',
                          value: rfq.status_reason,
                        },
                      ]
                    : []),
                  { label: 'Filed', value: formatDateTime(rfq.created_at) },
                ]}
              />
            </Card>
            <RfqQuotesCard rfq={rfq} portal={portal} />
          </Stack>
        </Grid.Col>
        {!portal && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <HistoryCard
              queryKey={[...rfqKeys.history(rfq.id), rfq.version]}
              fetchPage={(skip) => rfqHistory(rfq.id, skip)}
            >
              <Text size="xs" c="dimmed" mt="sm">
                Quotes keep their own history.
              </Text>
            </HistoryCard>
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}
