import { describe, expect, it } from 'vitest';
import { actionBetween, BOARD_COLUMNS } from './labels';

describe('actionBetween (the board picks the action a drop means)', () => {
  it('maps each one-step move to its action', () => {
    expect(actionBetween('todo', 'in_progress')).toBe('start');
    expect(actionBetween('in_progress', 'review')).toBe('submit');
    expect(actionBetween('review', 'done')).toBe('complete');
    expect(actionBetween('review', 'in_progress')).toBe('send_back');
    expect(actionBetween('done', 'in_progress')).toBe('reopen');
    expect(actionBetween('cancelled', 'todo')).toBe('reopen');
    expect(actionBetween('in_progress', 'cancelled')).toBe('cancel');
  });

  it('has no action for a jump the state machine does not make', () => {
    expect(actionBetween('todo', 'done')).toBeUndefined();
    expect(actionBetween('done', 'todo')).toBeUndefined();
    expect(actionBetween('todo', 'todo')).toBeUndefined();
    expect(BOARD_COLUMNS).toEqual(['todo', 'in_progress', 'review', 'done']);
  });
});
