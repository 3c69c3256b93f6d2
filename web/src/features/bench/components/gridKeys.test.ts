import { describe, expect, it } from 'vitest';
import { cellText, parseCell } from '../api';
import { nextPosition } from './gridKeys';

const size = { rows: 3, cols: 4 };
const caretAt = (start: number, length = 4) => ({ start, end: start, length });

describe('bench grid keys', () => {
  it('Enter and the up/down arrows move between samples, staying inside the grid', () => {
    expect(nextPosition('Enter', false, { row: 0, col: 2 }, size, caretAt(0))).toEqual({ row: 1, col: 2 });
    expect(nextPosition('Enter', true, { row: 1, col: 2 }, size, caretAt(0))).toEqual({ row: 0, col: 2 });
    expect(nextPosition('Enter', false, { row: 2, col: 2 }, size, caretAt(0))).toEqual({ row: 2, col: 2 });
    expect(nextPosition('ArrowDown', false, { row: 1, col: 0 }, size, caretAt(0))).toEqual({
      row: 2,
      col: 0,
    });
    expect(nextPosition('ArrowUp', false, { row: 0, col: 0 }, size, caretAt(0))).toEqual({ row: 0, col: 0 });
  });

  it('Tab runs along the row and on into the next; past the last cell it leaves the grid', () => {
    expect(nextPosition('Tab', false, { row: 0, col: 3 }, size, caretAt(0))).toEqual({ row: 1, col: 0 });
    expect(nextPosition('Tab', true, { row: 1, col: 0 }, size, caretAt(0))).toEqual({ row: 0, col: 3 });
    expect(nextPosition('Tab', false, { row: 2, col: 3 }, size, caretAt(0))).toBeNull();
    expect(nextPosition('Tab', true, { row: 0, col: 0 }, size, caretAt(0))).toBeNull();
  });

  it('left/right move between cells only from the edge of the text, so editing still works', () => {
    expect(nextPosition('ArrowLeft', false, { row: 0, col: 1 }, size, caretAt(2))).toBeNull();
    expect(nextPosition('ArrowLeft', false, { row: 0, col: 1 }, size, caretAt(0))).toEqual({
      row: 0,
      col: 0,
    });
    expect(nextPosition('ArrowRight', false, { row: 0, col: 1 }, size, caretAt(2))).toBeNull();
    expect(nextPosition('ArrowRight', false, { row: 0, col: 1 }, size, caretAt(4))).toEqual({
      row: 0,
      col: 2,
    });
    expect(nextPosition('ArrowRight', false, { row: 0, col: 3 }, size, caretAt(4))).toBeNull();
    expect(nextPosition('a', false, { row: 0, col: 1 }, size, caretAt(0))).toBeNull();
  });
});

describe('cell text', () => {
  it('reads a value with its uncertainty in every usual spelling', () => {
    expect(parseCell(' 12.4 ± 0.3 ')).toEqual({ value: '12.4', uncertainty: '0.3' });
    expect(parseCell('12.4+/-0.3')).toEqual({ value: '12.4', uncertainty: '0.3' });
    expect(parseCell('-3 +- 1')).toEqual({ value: '-3', uncertainty: '1' });
    expect(parseCell('no change')).toEqual({ value: 'no change' });
  });

  it('shows a saved result as the engineer would type it', () => {
    expect(cellText({ value: '12.40', uncertainty: '0.3' })).toBe('12.40 ± 0.3');
    expect(cellText({ value: 'no change', uncertainty: null })).toBe('no change');
    expect(cellText(undefined)).toBe('');
  });
});
