import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/problem';
import { renderAt } from '../../test/render';
import { StatusBoard } from './StatusBoard';

type Status = 'open' | 'closed';
const LABELS: Record<Status, string> = { open: 'Open', closed: 'Closed' };
const loaded: { isLoading: boolean; error: unknown; refetch: () => void } = {
  isLoading: false,
  error: null,
  refetch: () => {},
};

function Board({
  items,
  query = loaded,
}: {
  items: { id: string; status: Status }[];
  query?: typeof loaded;
}) {
  return (
    <StatusBoard
      query={query}
      what="things"
      items={items}
      statuses={['open', 'closed']}
      labels={LABELS}
      testId="thing-board"
      empty={<p>No things yet</p>}
      card={(t) => ({
        to: `/things/${t.id}`,
        number: `T-${t.id}`,
        badge: null,
        title: `Thing ${t.id}`,
        details: null,
      })}
    />
  );
}

describe('StatusBoard', () => {
  it('puts each record in its status column, with counts and links, and says when a column is empty', () => {
    renderAt(
      <Board
        items={[
          { id: '1', status: 'open' },
          { id: '2', status: 'open' },
        ]}
      />,
    );
    const board = screen.getByTestId('thing-board');
    const open = within(board).getByRole('heading', { name: 'Open' }).closest<HTMLElement>('[data-column]')!;
    expect(within(open).getByText('2')).toBeInTheDocument();
    expect(within(open).getByRole('link', { name: 'T-1' })).toHaveAttribute('href', '/things/1');
    expect(within(open).getByText('Thing 2')).toBeInTheDocument();
    const closed = board.querySelector<HTMLElement>('[data-column="closed"]')!;
    expect(within(closed).getByText('0')).toBeInTheDocument();
    expect(within(closed).getByText('Nothing here.')).toBeInTheDocument();
  });

  it('shows the empty state in place of the board when there is no record', () => {
    renderAt(<Board items={[]} />);
    expect(screen.getByText('No things yet')).toBeInTheDocument();
    expect(screen.queryByTestId('thing-board')).not.toBeInTheDocument();
  });

  it('shows the problem with a retry when the query failed', async () => {
    const user = userEvent.setup();
    const refetch = vi.fn();
    const error = new ApiError(500, { status: 500, detail: 'The database is down' });
    renderAt(<Board items={[]} query={{ isLoading: false, error, refetch }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The database is down');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalled();
  });
});
