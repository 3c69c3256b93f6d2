import { ActionIcon, Card, Center, Group, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartBar, IconDots, IconFileSpreadsheet, IconPhoto } from '@tabler/icons-react';
import { type ReactNode, useRef } from 'react';
import { saveBlob } from '../../../components/data-table/download';
import { type DashboardFilters, exportSeriesCsv, type SeriesName } from '../api';
import { chartToPng } from '../pngExport';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * A dashboard panel: title, the chart (or a useful empty state) and an export menu — the chart as
 * PNG, its data as the server's CSV for the same filters.
 */
export function ChartCard({
  title,
  description,
  series,
  filters,
  empty,
  emptyText,
  children,
  chart = true,
}: {
  title: string;
  description?: string;
  series: SeriesName;
  filters: DashboardFilters;
  empty: boolean;
  emptyText: ReactNode;
  children: ReactNode;
  /** false for panels that are a list, not a chart (no PNG) */
  chart?: boolean;
}) {
  const body = useRef<HTMLDivElement>(null);
  const fail = (err: unknown) =>
    notifications.show({
      color: 'red',
      title: 'Export failed',
      message: String((err as Error)?.message ?? err),
    });
  const png = () =>
    body.current &&
    chartToPng(body.current, title)
      .then((blob) => saveBlob(blob, `${slug(title)}.png`))
      .catch(fail);
  const csv = () =>
    exportSeriesCsv(series, filters)
      .then((blob) => saveBlob(blob, `${series}.csv`))
      .catch(fail);
  return (
    <Card withBorder padding="md" data-testid={`chart-${series}`} aria-label={title} component="section">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <div>
          <Text fw={600}>{title}</Text>
          {description && (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Export ${title}`}>
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {chart && (
              <Menu.Item leftSection={<IconPhoto size={16} />} onClick={png} disabled={empty}>
                Download chart (PNG)
              </Menu.Item>
            )}
            <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={csv}>
              Download data (CSV)
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <div ref={body}>
        {empty ? (
          <Center mih={180}>
            <Stack align="center" gap={4}>
              <IconChartBar size={28} color="var(--mantine-color-gray-5)" aria-hidden />
              <Text size="sm" c="dimmed" ta="center" maw={320}>
                {emptyText}
              </Text>
            </Stack>
          </Center>
        ) : (
          children
        )}
      </div>
    </Card>
  );
}
