import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { currentUrl, renderAt } from '../../test/render';
import { DataTable } from './DataTable';
import type { Column, ListQuery, PageData } from './types';

interface Row {
  id: string;
  name: string;
}

const columns: Column<Row>[] = [
  { key: 'name', header: 'Name', sortable: true },
  { key: 'id', header: 'Id' },
];

/** 45 rows server-side; answers like the API (skip/limit/sort/q). */
function fakeApi() {
  const all = Array.from({ length: 45 }, (_, i) => ({
    id: `r${i}`,
    name: `Row ${String(i).padStart(2, '0')}`,
  }));
  return vi.fn(async (query: ListQuery): Promise<PageData<Row>> => {
    let rows = all.filter((r) => !query.q || r.name.includes(String(query.q)));
    if (query.sort === '-name') rows = [...rows].reverse();
    const skip = Number(query.skip ?? 0);
    const limit = Number(query.limit ?? 20);
    return {
      items: rows.slice(skip, skip + limit),
      total: rows.length,
      has_more: skip + limit < rows.length,
    };
  });
}

function renderTable(url: string, fetchPage = fakeApi()) {
  const view = renderAt(
    <DataTable<Row>
      id="rows"
      noun="rows"
      queryKey={['rows']}
      fetchPage={fetchPage}
      columns={columns}
      getRowId={(r) => r.id}
      rowHref={(r) => `/rows/${r.id}`}
      searchable
      filters={[{ name: 'kind', label: 'Kind', type: 'text' }]}
    />,
    url,
  );
  return { ...view, fetchPage };
}

const bodyRows = () => within(screen.getByTestId('table-rows')).getAllByRole('row').slice(1);

describe('DataTable', () => {
  it('reads paging, sort, search and filters from the URL and asks the API for exactly that', async () => {
    const { fetchPage } = renderTable('/rows?skip=20&limit=10&sort=-name&q=Row&kind=x');
    await waitFor(() => expect(fetchPage).toHaveBeenCalled());
    expect(fetchPage).toHaveBeenLastCalledWith({ skip: 20, limit: 10, sort: '-name', q: 'Row', kind: 'x' });
  });

  it('shows a loading skeleton, then the rows with a link to each detail', async () => {
    renderTable('/rows');
    expect(screen.getAllByTestId('skeleton-row').length).toBeGreaterThan(0);
    await screen.findByText('Row 00');
    expect(screen.queryByTestId('skeleton-row')).toBeNull();
    expect(bodyRows()).toHaveLength(20);
    expect(screen.getByRole('link', { name: 'Row 00' })).toHaveAttribute('href', '/rows/r0');
    expect(screen.getByText('1–20 of 45 rows')).toBeInTheDocument();
  });

  it('pages through the server and keeps the page in the URL', async () => {
    const user = userEvent.setup();
    const { fetchPage } = renderTable('/rows');
    await screen.findByText('Row 00');
    await user.click(screen.getByRole('button', { name: 'Page 3' }));
    await screen.findByText('Row 40');
    expect(currentUrl()).toBe('/rows?skip=40');
    expect(fetchPage).toHaveBeenLastCalledWith({ skip: 40, limit: 20 });
    expect(bodyRows()).toHaveLength(5);
    expect(screen.getByText('41–45 of 45 rows')).toBeInTheDocument();
  });

  it('sorts by a column header: ascending, descending, then back to the default; sorting resets paging', async () => {
    const user = userEvent.setup();
    const { fetchPage } = renderTable('/rows?skip=20');
    await screen.findByText('Row 20');
    const header = () => screen.getByRole('button', { name: /^Name,/ });
    await user.click(header());
    await waitFor(() => expect(currentUrl()).toBe('/rows?sort=name'));
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(header());
    await waitFor(() => expect(currentUrl()).toBe('/rows?sort=-name'));
    await screen.findByText('Row 44');
    expect(fetchPage).toHaveBeenLastCalledWith({ skip: 0, limit: 20, sort: '-name' });
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
    await user.click(header());
    await waitFor(() => expect(currentUrl()).toBe('/rows'));
  });

  it('writes the search to the URL and starts again at the first page', async () => {
    const user = userEvent.setup();
    renderTable('/rows?skip=20');
    await screen.findByText('Row 20');
    await user.type(screen.getByLabelText('Search'), 'Row 1{Enter}');
    await waitFor(() => expect(currentUrl()).toBe('/rows?q=Row+1'));
    await screen.findByText('1–10 of 10 rows');
  });

  it('says when a filter matches nothing and offers to clear it', async () => {
    const user = userEvent.setup();
    renderTable('/rows?q=nothing-like-this');
    await screen.findByText('No rows match this search and filter');
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(currentUrl()).toBe('/rows'));
    await screen.findByText('Row 00');
  });

  it('opens the detail on a click anywhere in the row, not only on its link', async () => {
    const user = userEvent.setup();
    renderTable('/rows?q=Row');
    await screen.findByText('Row 07');
    // the second cell (the id) is plain text
    await user.click(screen.getByRole('cell', { name: 'r7' }));
    await waitFor(() => expect(currentUrl()).toBe('/rows/r7'));
  });

  it('writes a filter to the URL, keeps the other parameters, and asks the API with it', async () => {
    const user = userEvent.setup();
    const { fetchPage } = renderTable('/rows?sort=-name&skip=20');
    await screen.findByText('Row 24');
    await user.type(screen.getByLabelText('Kind'), 'wool{Enter}');
    await waitFor(() => expect(currentUrl()).toBe('/rows?sort=-name&kind=wool'));
    await waitFor(() =>
      expect(fetchPage).toHaveBeenLastCalledWith({ skip: 0, limit: 20, sort: '-name', kind: 'wool' }),
    );
  });

  it('a suggest filter offers its values but takes any text', async () => {
    const user = userEvent.setup();
    const fetchPage = fakeApi();
    renderAt(
      <DataTable<Row>
        id="rows"
        noun="rows"
        queryKey={['rows']}
        fetchPage={fetchPage}
        columns={columns}
        getRowId={(r) => r.id}
        filters={[{ name: 'action', label: 'Action', type: 'suggest', suggestions: ['login', 'logout'] }]}
      />,
      '/rows',
    );
    await screen.findByText('Row 00');
    const input = screen.getByRole('combobox', { name: 'Action' });
    await user.type(input, 'log');
    await user.click(await screen.findByRole('option', { name: 'logout' }));
    await waitFor(() => expect(currentUrl()).toBe('/rows?action=logout'));
    await user.clear(input);
    await user.type(input, 'approve{Enter}');
    await waitFor(() => expect(currentUrl()).toBe('/rows?action=approve'));
    await waitFor(() =>
      expect(fetchPage).toHaveBeenLastCalledWith({ skip: 0, limit: 20, action: 'approve' }),
    );
  });

  it('hides a column chosen in the column chooser and remembers it', async () => {
    const user = userEvent.setup();
    renderTable('/rows');
    await screen.findByText('Row 00');
    expect(screen.getByRole('columnheader', { name: 'Id' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Choose columns' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Id' }));
    await waitFor(() => expect(screen.queryByRole('columnheader', { name: 'Id' })).toBeNull());
    expect(JSON.parse(localStorage.getItem('labline.table.rows.hidden')!)).toEqual(['id']);
  });
});
