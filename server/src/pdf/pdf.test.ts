import { afterAll, describe, expect, it } from 'vitest';
import { closePdfWorkers, renderPdf } from './pool.ts';

afterAll(() => closePdfWorkers());

describe('renderPdf', () => {
  it('lays out labels in a worker thread and returns a PDF with one page per label', async () => {
    const labels = Array.from({ length: 3 }, (_, i) => ({
      number: `SMP-00000${i + 1}`,
      project: 'PRJ-000001',
      description: 'Knitted cotton jersey, navy',
      received_date: '2026-11-22',
    }));
    const pdf = await renderPdf('sample-labels', { labels });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3);
  });

  it('refuses a template name that could escape the templates folder', async () => {
    await expect(renderPdf('../worker', {})).rejects.toThrow(/bad template/);
  });
});
