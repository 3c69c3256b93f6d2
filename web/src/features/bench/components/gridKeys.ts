/**
 * Spreadsheet keys for the bench grid: where focus goes from a cell. Enter and the up/down arrows
 * move between samples; Tab and left/right move between parameters (left/right only once the
 * caret is at the edge of the text, so editing a value still works); Tab runs on into the next
 * row. Returns null when the key is not a move (or leaves the grid).
 */
export interface Pos {
  row: number;
  col: number;
}

export function nextPosition(
  key: string,
  shift: boolean,
  at: Pos,
  size: { rows: number; cols: number },
  caret: { start: number | null; end: number | null; length: number },
): Pos | null {
  const { row, col } = at;
  const clampRow = (r: number) => Math.max(0, Math.min(size.rows - 1, r));
  switch (key) {
    case 'Enter':
      return { row: clampRow(row + (shift ? -1 : 1)), col };
    case 'ArrowDown':
      return { row: clampRow(row + 1), col };
    case 'ArrowUp':
      return { row: clampRow(row - 1), col };
    case 'ArrowLeft':
      return caret.start === 0 && caret.end === 0 && col > 0 ? { row, col: col - 1 } : null;
    case 'ArrowRight':
      return caret.start === caret.length && caret.end === caret.length && col < size.cols - 1
        ? { row, col: col + 1 }
        : null;
    case 'Tab': {
      const index = row * size.cols + col + (shift ? -1 : 1);
      if (index < 0 || index >= size.rows * size.cols) return null; // leave the grid
      return { row: Math.floor(index / size.cols), col: index % size.cols };
    }
    default:
      return null;
  }
}
