import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { makeCustomer, signedIn, uniq } from '../../test/factories/index.ts';
import { createPurchaseOrder, makeSupplier, poBody } from '../../test/factories/orders.ts';
import { XLSX_TYPE } from './xlsx.ts';

/** Every list that exports CSV exports XLSX too: parsed back here with exceljs. */
let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  manager = await signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

async function workbook(res: { rawPayload: Buffer }) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as never);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const rows = [] as Record<string, ExcelJS.CellValue>[];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [String(h), values[i] ?? null])));
  });
  return { sheet, header, rows };
}

describe('XLSX exports', () => {
  it('customers: same columns as CSV, the filter applied, typed cells, frozen header', async () => {
    const tag = uniq();
    const a = await makeCustomer(t.app, { company_name: `Xlsx ${tag} A`, contacts: [{ name: 'Ana' }] });
    await makeCustomer(t.app, { company_name: `=HYPERLINK("x") ${tag}` });
    await makeCustomer(t.app, { company_name: 'Someone else' });
    const res = await t.app.inject({
      url: `/api/v1/customers?q=${tag}&sort=company_name`,
      headers: { ...manager.headers, accept: XLSX_TYPE },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain('customers.xlsx');
    const csv = await t.app.inject({
      url: `/api/v1/customers?q=${tag}&format=csv`,
      headers: manager.headers,
    });
    const { sheet, header, rows } = await workbook(res);
    expect(header.join(',')).toBe(csv.body.split('\n')[0]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rows.map((r) => r.company_name)).toEqual([`=HYPERLINK("x") ${tag}`, `Xlsx ${tag} A`]);
    const first = rows[1]!;
    expect(first.id).toBe(a.id);
    expect(first.is_active).toBe(true);
    expect(first.version).toBe(1);
    expect(first.created_at).toBeInstanceOf(Date);
    expect((first.created_at as Date).toISOString()).toBe(a.created_at.toISOString());
    expect(first.archived_at).toBeNull();
    expect(JSON.parse(String(first.contacts))).toEqual([{ name: 'Ana' }]);
    // text stays text: a formula-looking name is a string cell, never a formula
    expect(typeof rows[0]!.company_name).toBe('string');
  });

  it('purchase orders: money as numbers with two decimals, dates as dates', async () => {
    const supplier = await makeSupplier(t.app);
    const po = await createPurchaseOrder(t.app, manager.headers, poBody(supplier.id));
    const res = await t.app.inject({
      url: `/api/v1/purchase-orders?supplier_id=${supplier.id}&format=xlsx`,
      headers: manager.headers,
    });
    expect(res.statusCode).toBe(200);
    const { sheet, header, rows } = await workbook(res);
    expect(header).toContain('total');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      number: po.number,
      supplier_name: supplier.name,
      subtotal: 59.97,
      tax_amount: 4.5,
      total: 64.47,
      tax_rate: 7.5,
      status: 'draft',
    });
    expect(rows[0]!.order_date).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(rows[0]!.due_date).toEqual(new Date('2026-03-20T00:00:00Z'));
    const totalColumn = header.indexOf('total') + 1;
    expect(sheet.getRow(2).getCell(totalColumn).numFmt).toBe('#,##0.00');
    expect(sheet.getRow(2).getCell(header.indexOf('order_date') + 1).numFmt).toBe('yyyy-mm-dd');
  });

  it('documents and CAPA actions, whose list routes are their own, export Excel with the CSV header', async () => {
    for (const path of ['documents', 'ncr-actions']) {
      const res = await t.app.inject({ url: `/api/v1/${path}?format=xlsx`, headers: manager.headers });
      expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      const csv = await t.app.inject({ url: `/api/v1/${path}?format=csv`, headers: manager.headers });
      const { header } = await workbook(res);
      expect(header.join(','), path).toBe(csv.body.split('\n')[0]);
    }
  });

  it('documents the formats in the OpenAPI produces list', async () => {
    const doc = t.app.swagger() as unknown as {
      paths: Record<string, { get: { responses: { 200: { content: object } } } }>;
    };
    const content = doc.paths['/api/v1/purchase-orders']!.get.responses[200].content;
    expect(Object.keys(content)).toEqual(['application/json', 'text/csv', XLSX_TYPE]);
  });
});
