import type { KeyboardEvent } from 'react';

/**
 * Spreadsheet-like keys for the editable rows of a form (parameters, limits, lines): Enter in a
 * cell never submits the form; it moves to the first cell of the next row, adding a row at the end.
 * Rows are elements with `data-row={index}` inside `container`; the first cell carries `data-row-start`.
 */
export function focusRow(container: HTMLElement | null, index: number) {
  // after React has rendered the row that was just added (it commits before a timer fires)
  setTimeout(() => {
    const cell = container?.querySelector<HTMLElement>(`[data-row="${index}"] [data-row-start]`);
    cell?.focus();
  }, 0);
}

export function rowEnterKey(options: {
  container: () => HTMLElement | null;
  index: number;
  count: number;
  addRow: () => void;
}) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    // a textarea takes Enter as a new line; an open dropdown takes it as a choice
    if (target.tagName === 'TEXTAREA' || target.getAttribute('aria-expanded') === 'true') return;
    event.preventDefault();
    if (options.index === options.count - 1) options.addRow();
    focusRow(options.container(), options.index + 1);
  };
}
