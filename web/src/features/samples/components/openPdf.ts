import { saveBlob } from '../../../components/data-table/download';

/**
 * Opens a PDF the API renders in a new tab. The tab is opened at once, inside the click, so the
 * browser does not take it for a pop-up; the document arrives in it when the API answers. When no
 * tab could be opened, the file is downloaded instead.
 */
export async function openPdf(load: () => Promise<Blob>, fileName: string) {
  const tab = window.open('', '_blank');
  try {
    const blob = await load();
    const url = URL.createObjectURL(blob);
    if (tab) tab.location.href = url;
    else saveBlob(blob, fileName);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}
