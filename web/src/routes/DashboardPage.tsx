import { Anchor, Card, Group, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { IconArchive, IconBuilding, IconCircleCheck, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageHeader } from '../components/ui/PageHeader';
import { countCustomers, customerKeys } from '../features/customers/api';
import { countUsers, userKeys } from '../features/users/api';
import { hasRole, MANAGERS } from '../lib/auth/roles';
import { useMe } from '../lib/auth/useAuth';

interface Stat {
  label: string;
  to: string;
  icon: typeof IconBuilding;
  queryKey: readonly unknown[];
  count: () => Promise<number>;
}

function StatCard({ stat }: { stat: Stat }) {
  const result = useQuery({ queryKey: stat.queryKey, queryFn: stat.count });
  return (
    <Card withBorder padding="lg" data-testid="stat-card">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {stat.label}
          </Text>
          {result.isLoading ? (
            <Skeleton h={34} w={60} mt={4} />
          ) : (
            <Text fz={28} fw={700} lh={1.2} mih={34}>
              {result.error ? '—' : result.data}
            </Text>
          )}
        </div>
        <ThemeIcon variant="light" size={44} radius="md" aria-hidden>
          <stat.icon size={24} />
        </ThemeIcon>
      </Group>
      <Anchor component={Link} to={stat.to} size="sm" mt="sm" display="block">
        View {stat.label.toLowerCase()}
      </Anchor>
    </Card>
  );
}

/** A placeholder dashboard with real counts (list totals); charts come with later resources. */
export function DashboardPage() {
  const me = useMe();
  const stats: Stat[] = [
    {
      label: 'Customers',
      to: '/customers',
      icon: IconBuilding,
      queryKey: [...customerKeys.all, 'count'],
      count: () => countCustomers(),
    },
    {
      label: 'Active customers',
      to: '/customers?is_active=true',
      icon: IconCircleCheck,
      queryKey: [...customerKeys.all, 'count', 'active'],
      count: () => countCustomers({ is_active: true }),
    },
    {
      label: 'Archived customers',
      to: '/customers?archived=true',
      icon: IconArchive,
      queryKey: [...customerKeys.all, 'count', 'archived'],
      count: () => countCustomers({ archived: true }),
    },
  ];
  if (hasRole(me.role, MANAGERS))
    stats.push({
      label: 'Users',
      to: '/users',
      icon: IconUsers,
      queryKey: [...userKeys.all, 'count'],
      count: () => countUsers(),
    });
  return (
    <>
      <PageHeader title={`Welcome, ${me.full_name || me.email}`} subtitle="Your lab at a glance" />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {stats.map((stat) => (
          <StatCard key={stat.label} stat={stat} />
        ))}
      </SimpleGrid>
    </>
  );
}
