import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AuthContext, type AuthContextValue } from '../../lib/auth/AuthProvider';
import { renderAt } from '../../test/render';
import { type HistoryEvent, HistoryTimeline } from './HistoryTimeline';

const ME = '0190aaaa-0000-7000-8000-00000000a11c';
const MONA = '0190bbbb-0000-7000-8000-0000000b0b0b';
const GONE = '0190cccc-0000-7000-8000-000000c0ffee';

function event(n: number, actor: Partial<HistoryEvent>): HistoryEvent {
  return {
    id: `0190dddd-0000-7000-8000-00000000000${n}`,
    seq: n,
    at: `2025-03-0${n}T09:00:00.000Z`,
    actor_id: null,
    actor_name: null,
    actor_email: null,
    action: 'update',
    entity_type: 'customer',
    entity_id: 'c-1',
    changes: { phone: [null, `+1 555 010${n}`] },
    request_id: null,
    ip: null,
    hash: `h${n}`,
    ...actor,
  };
}

// one page as GET /customers/{id}/history answers it, newest first
const page = {
  has_more: false,
  items: [
    event(4, { actor_id: ME, actor_name: 'Ada Admin', actor_email: 'ada@lab.test' }),
    event(3, { actor_id: MONA, actor_name: 'Mona Manager', actor_email: 'mona@lab.test' }),
    event(2, { actor_id: GONE }),
    event(1, {}),
  ],
};

describe('HistoryTimeline', () => {
  it('names who did what: you, other users by name, the system, and the short id only for a gone account', async () => {
    const auth = { user: { id: ME } } as AuthContextValue;
    renderAt(
      <AuthContext.Provider value={auth}>
        <HistoryTimeline queryKey={['history-test']} fetchPage={async () => page} />
      </AuthContext.Provider>,
    );
    const actors = await screen.findAllByTestId('history-actor');
    expect(actors.map((a) => a.textContent)).toEqual([
      'by you',
      'by Mona Manager',
      'by user …c0ffee',
      'by the system',
    ]);
    expect(actors[1]).toHaveAttribute('title', 'mona@lab.test');
  });

  it("names every account by the server's name when nobody is signed in", async () => {
    renderAt(<HistoryTimeline queryKey={['history-test-2']} fetchPage={async () => page} />);
    const actors = await screen.findAllByTestId('history-actor');
    expect(actors.map((a) => a.textContent)).toEqual([
      'by Ada Admin',
      'by Mona Manager',
      'by user …c0ffee',
      'by the system',
    ]);
  });
});
