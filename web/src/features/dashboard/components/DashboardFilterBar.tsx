import { Button, Group } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconDownload, IconX } from '@tabler/icons-react';
import { saveBlob } from '../../../components/data-table/download';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import {
  customerLabels,
  type DashboardFilters,
  exportSummaryCsv,
  methodLabels,
  searchCustomers,
  searchMethods,
} from '../api';

const customerSource = {
  queryKey: ['dashboard', 'customers'],
  search: searchCustomers,
  resolve: customerLabels,
};
const methodSource = { queryKey: ['dashboard', 'methods'], search: searchMethods, resolve: methodLabels };

/** Period, customer and method; every change lands in the URL. Customers only choose the period. */
export function DashboardFilterBar({
  filters,
  period,
  onChange,
  staff,
}: {
  filters: DashboardFilters;
  /** the period the server used (defaults filled in) */
  period?: { from: string; to: string };
  onChange: (patch: Partial<DashboardFilters>) => void;
  staff: boolean;
}) {
  const from = filters.from ?? period?.from ?? null;
  const to = filters.to ?? period?.to ?? null;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Group align="flex-end" gap="sm" mb="md" wrap="wrap" role="search" aria-label="Dashboard filters">
      <DatePickerInput
        type="range"
        label="Period"
        value={[from, to]}
        onChange={([f, t]) => {
          // wait for both ends: a half-chosen range would refetch for nothing
          if (f && t) onChange({ from: f, to: t });
        }}
        valueFormat="YYYY-MM-DD"
        w={250}
        allowSingleDateInRange
      />
      {staff && (
        <RemoteSelect
          label="Customer"
          placeholder="All customers"
          source={customerSource}
          value={filters.customer_id ?? null}
          onChange={(v) => onChange({ customer_id: v ?? undefined })}
          clearable
          w={240}
        />
      )}
      {staff && (
        <RemoteSelect
          label="Method"
          placeholder="All methods"
          source={methodSource}
          value={filters.method_id ?? null}
          onChange={(v) => onChange({ method_id: v ?? undefined })}
          clearable
          w={240}
        />
      )}
      {filtered && (
        <Button
          variant="subtle"
          leftSection={<IconX size={16} />}
          onClick={() =>
            onChange({ from: undefined, to: undefined, customer_id: undefined, method_id: undefined })
          }
        >
          Reset
        </Button>
      )}
      <Button
        variant="default"
        leftSection={<IconDownload size={16} />}
        onClick={() => exportSummaryCsv(filters).then((b) => saveBlob(b, 'dashboard-summary.csv'))}
      >
        Figures CSV
      </Button>
    </Group>
  );
}
