import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAt } from '../../test/render';
import { DataTable } from './DataTable';
import type { Column } from './types';

interface Row {
  id: string;
  name: string;
}
const columns: Column<Row>[] = [{ key: 'name', header: 'Name' }];
const fetchPage = async () => ({ items: [{ id: 'a', name: 'Alpha' }], total: 1, has_more: false });

afterEach(() => vi.restoreAllMocks());

describe('DataTable export menu', () => {
  it('offers CSV and Excel and downloads the current filter in the chosen format', async () => {
    const user = userEvent.setup();
    const exportFile = vi.fn(async (_query: unknown, _format: string) => new Blob(['x']));
    const createUrl = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL: createUrl, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderAt(
      <DataTable<Row>
        id="rows"
        noun="rows"
        queryKey={['rows-export']}
        fetchPage={fetchPage}
        exportFile={exportFile}
        columns={columns}
        getRowId={(r) => r.id}
        searchable
      />,
      '/rows?q=Alp&skip=20',
    );
    await screen.findByText('Alpha');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByRole('menuitem', { name: 'CSV' })).toBeInTheDocument();
    await user.click(screen.getByRole('menuitem', { name: 'Excel (.xlsx)' }));
    await waitFor(() => expect(exportFile).toHaveBeenCalledTimes(1));
    // the whole filtered list: the search, never the paging
    expect(exportFile).toHaveBeenCalledWith(expect.objectContaining({ q: 'Alp' }), 'xlsx');
    expect(exportFile.mock.calls[0]![0]).not.toHaveProperty('skip');
    await waitFor(() => expect(click).toHaveBeenCalled());
  });
});
