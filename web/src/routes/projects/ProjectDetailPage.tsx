import { Anchor, Button, Card, Grid, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconEdit, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { ActionBar, type ActionSpec } from '../../components/actions/ActionBar';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { AttachmentsPanel } from '../../features/documents/AttachmentsPanel';
import {
  type ProjectAction,
  type ProjectOverview,
  projectAction,
  projectHistory,
  projectKeys,
  useProjectOverview,
} from '../../features/projects/api';
import {
  CommercialSection,
  PlansSection,
  type ProjectSection,
  ResultsSection,
  SamplesSection,
  TrfsSection,
} from '../../features/projects/components/overview/sections';
import { ProjectStatusBadge } from '../../features/projects/components/ProjectStatusBadge';
import { hasRole, MANAGERS } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { formatDate } from '../../lib/format';

/** The project page is these sections, in this order: a new part of the chain adds one entry. */
const SECTIONS: ProjectSection[] = [
  CommercialSection,
  TrfsSection,
  SamplesSection,
  PlansSection,
  ResultsSection,
];

const SPECS: Record<ProjectAction, ActionSpec> = {
  activate: { label: 'Start work', icon: IconPlayerPlay, done: 'The project is active.' },
  hold: { label: 'Put on hold', icon: IconPlayerPause, variant: 'default', done: 'The project is on hold.' },
  resume: { label: 'Resume', icon: IconPlayerPlay, done: 'The project is active again.' },
  complete: {
    label: 'Complete',
    icon: IconCircleCheck,
    color: 'green',
    confirm: { title: 'Complete this project?', message: 'A completed project can no longer change.' },
    done: 'The project is completed.',
  },
  cancel: {
    label: 'Cancel project',
    icon: IconCircleX,
    color: 'red',
    variant: 'default',
    confirm: { title: 'Cancel this project?', message: 'It closes for good; its records stay readable.' },
    done: 'The project was cancelled.',
  },
};

export function ProjectDetailPage({ portal = false }: { portal?: boolean }) {
  const { id = '' } = useParams();
  const overview = useProjectOverview(id);
  useSetCrumb(overview.data?.project.number);
  if (overview.isLoading) return <Skeleton h={400} />;
  if (overview.error || !overview.data)
    return <QueryError error={overview.error} what="project" onRetry={() => overview.refetch()} />;
  return <ProjectDetail overview={overview.data} portal={portal} />;
}

function ProjectDetail({ overview, portal }: { overview: ProjectOverview; portal: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const { project } = overview;
  const canEdit =
    !portal && hasRole(me.role, MANAGERS) && ['planned', 'active', 'on_hold'].includes(project.status);
  return (
    <>
      <PageHeader
        title={`${project.number} · ${project.name}`}
        badge={<ProjectStatusBadge status={project.status} archived={Boolean(project.archived_at)} />}
        subtitle={portal ? undefined : project.customer_name}
        actions={
          <>
            {canEdit && !project.archived_at && (
              <Button
                component={Link}
                to={`/projects/${project.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                Edit
              </Button>
            )}
            <ActionBar<ProjectAction>
              allowed={project.allowed_actions}
              specs={SPECS}
              run={(action) => projectAction(project, action)}
              onSettled={() => queryClient.invalidateQueries({ queryKey: projectKeys.all })}
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
                            <Anchor component={Link} to={`/customers/${project.customer_id}`}>
                              {project.customer_name}
                            </Anchor>
                          ),
                        },
                      ]),
                  { label: 'Manager', value: project.manager_name },
                  { label: 'Start', value: formatDate(project.start_date) },
                  { label: 'Due', value: formatDate(project.due_date) },
                  { label: 'Description', value: project.description },
                ]}
              />
            </Card>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              {SECTIONS.map((Section) => (
                <Section key={Section.name} overview={overview} portal={portal} />
              ))}
            </SimpleGrid>
            <AttachmentsPanel entityType="project" entityId={project.id} />
          </Stack>
        </Grid.Col>
        {!portal && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <HistoryCard
              queryKey={[...projectKeys.history(project.id), project.version]}
              fetchPage={(skip) => projectHistory(project.id, skip)}
            />
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}
