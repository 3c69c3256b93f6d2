import { ActionIcon, Checkbox, Menu, Tooltip } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import type { Column } from './types';

export function ColumnChooser<T>({
  columns,
  hidden,
  onToggle,
}: {
  columns: Column<T>[];
  hidden: Set<string>;
  onToggle: (key: string) => void;
}) {
  const visibleCount = columns.length - hidden.size;
  return (
    <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
      <Tooltip label="Choose columns">
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label="Choose columns">
            <IconColumns size={18} aria-hidden />
          </ActionIcon>
        </Menu.Target>
      </Tooltip>
      <Menu.Dropdown>
        <Menu.Label>Columns</Menu.Label>
        {columns.map((column) => {
          const shown = !hidden.has(column.key);
          return (
            <Menu.Item
              key={column.key}
              onClick={() => onToggle(column.key)}
              disabled={shown && visibleCount === 1}
            >
              <Checkbox
                label={column.header}
                checked={shown}
                readOnly
                tabIndex={-1}
                styles={{ input: { cursor: 'pointer' }, label: { cursor: 'pointer' } }}
              />
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
