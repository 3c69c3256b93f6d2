import { api } from '../../api/client';

/** Saves a Blob as a file through a temporary link. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file formats every list exports (API.md "Lists": `format=csv` or `format=xlsx`). */
export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel (.xlsx)' };

/**
 * An export function for the list at `path` (`/api/v1/suppliers`): the current filter and sort,
 * the whole result, as CSV or an Excel workbook. Feeds DataTable's `exportFile`.
 */
export function listExporter(path: string) {
  return async (query: Record<string, unknown>, format: ExportFormat): Promise<Blob> => {
    const { data, error, response } = await api.GET(
      path as never,
      {
        params: { query: { ...query, format } },
        parseAs: 'blob',
      } as never,
    );
    if (!response.ok) throw error;
    return data as unknown as Blob;
  };
}
