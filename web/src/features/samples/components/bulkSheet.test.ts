import { describe, expect, it } from 'vitest';
import { emptyRow, localRowErrors, mapRowErrors, parseSheet, splitCells, toBulkItems } from './bulkSheet';

describe('bulk sheet', () => {
  it('splits tab-separated rows, keeping quoted tabs, quotes and line breaks inside a cell', () => {
    const text = 'Swatch A\t1\n"Panel ""B""\twith\ttabs"\t2\r\n"two\nlines"\t3\n\n';
    expect(splitCells(text)).toEqual([
      ['Swatch A', '1'],
      ['Panel "B"\twith\ttabs', '2'],
      ['two\nlines', '3'],
    ]);
  });

  it('reads columns by the header row in any order, or in the grid order without one', () => {
    const withHeader = parseSheet('Storage\tDescription\tCondition\nShelf 1\tJersey\tWet\n');
    expect(withHeader).toEqual([
      { ...emptyRow(), storage_location: 'Shelf 1', description: 'Jersey', condition: 'Wet' },
    ]);
    const plain = parseSheet('Jersey\t2\tok\t\tShelf 2\n');
    expect(plain).toEqual([
      {
        ...emptyRow(),
        description: 'Jersey',
        trf_item_no: '2',
        condition: 'ok',
        storage_location: 'Shelf 2',
      },
    ]);
  });

  it('makes API items: blank cells left out, words and European dates normalised, the TRF for item numbers', () => {
    const rows = [
      {
        ...emptyRow(),
        description: ' Jersey ',
        trf_item_no: '2',
        condition: 'Damaged ',
        condition_notes: 'torn',
        received_date: '5.3.2025',
      },
      { ...emptyRow(), description: 'Denim', trf_item_no: 'x' },
    ];
    expect(toBulkItems(rows, 'trf-1')).toEqual([
      {
        description: 'Jersey',
        trf_id: 'trf-1',
        trf_item_no: 2,
        condition: 'damaged',
        condition_notes: 'torn',
        received_date: '2025-03-05',
      },
      { description: 'Denim', trf_id: 'trf-1', trf_item_no: 'x' },
    ]);
  });

  it('maps items[i].field errors onto rows and cells, the rest to general messages', () => {
    const mapped = mapRowErrors([
      { field: 'items[3].condition_notes', message: 'describe the condition' },
      { field: 'items[3].trf_id', message: 'no such TRF' },
      { field: 'items[0].received_by', message: 'must be staff' },
      { field: 'project_id', message: 'no such project' },
    ]);
    expect(mapped.cells.get(3)).toEqual({
      condition_notes: 'describe the condition',
      trf_item_no: 'no such TRF',
    });
    expect(mapped.cells.get(0)).toEqual({ description: 'received_by: must be staff' });
    expect(mapped.general).toEqual(['project_id: no such project']);
  });

  it('names malformed cells before anything is sent', () => {
    const rows = [
      { ...emptyRow(), description: 'Fine', condition: 'OK', received_date: '31.03.2025' },
      {
        ...emptyRow(),
        description: '',
        trf_item_no: 'two',
        condition: 'soggy',
        retention_until: 'next year',
      },
    ];
    const found = localRowErrors(rows);
    expect(found?.cells.has(0)).toBe(false);
    expect(Object.keys(found?.cells.get(1) ?? {}).sort()).toEqual([
      'condition',
      'description',
      'retention_until',
      'trf_item_no',
    ]);
    expect(localRowErrors(rows.slice(0, 1))).toBeNull();
  });
});
