import { v7 as uuidv7 } from 'uuid';
import type { PurchaseOrderLine } from '../../db/schema/index.ts';
import { type FieldError, unprocessable } from '../../lib/errors.ts';
import { Decimal, lineTotal, toCents, totals } from '../../lib/money.ts';

/**
 * Purchase-order pricing, exact (lib/money.ts). The rounding rule, documented in docs/orders.md:
 * each line total is quantity × unit price rounded half-up to cents; the subtotal is the sum of
 * the line totals; the tax is subtotal × rate rounded half-up to cents ONCE per document (never
 * per line); the total is subtotal + tax. 3 × 19.99 at 7.5 % → 59.97 + 4.50 = 64.47.
 */
type LineIn = {
  id?: string;
  item_code?: string | null;
  description: string;
  quantity: string | number;
  unit?: string | null;
  unit_price: string | number;
};

const MAX_TOTAL = new Decimal('1e13');

export function pricePurchaseOrder(
  rawLines: unknown,
  taxRate: unknown,
  /** the lines as stored: an edit that names a line's id keeps it (and what it received) */
  existing: readonly PurchaseOrderLine[] = [],
) {
  const lines = (Array.isArray(rawLines) ? rawLines : []) as LineIn[];
  const errors: FieldError[] = [];
  const tax = new Decimal(taxRate === null || taxRate === undefined ? 0 : String(taxRate));
  if (tax.lt(0) || tax.gt(100)) errors.push({ field: 'tax_rate', message: 'must be between 0 and 100' });
  if (tax.decimalPlaces() > 3) errors.push({ field: 'tax_rate', message: 'has at most 3 decimals' });
  const known = new Map(existing.map((l) => [l.id, l]));
  const seen = new Set<string>();

  const priced = lines.map((line, i): PurchaseOrderLine => {
    const at = (f: string) => `lines[${i}].${f}`;
    const quantity = new Decimal(String(line.quantity));
    if (!quantity.gt(0)) errors.push({ field: at('quantity'), message: 'must be greater than 0' });
    const description = line.description.trim();
    if (!description) errors.push({ field: at('description'), message: 'must not be blank' });
    let id = line.id && known.has(line.id) && !seen.has(line.id) ? line.id : uuidv7();
    if (line.id && !known.has(line.id)) id = uuidv7(); // an unknown id is a new line, not an error
    seen.add(id);
    const received = known.get(id)?.received_quantity ?? '0';
    if (quantity.lt(received)) {
      errors.push({ field: at('quantity'), message: `must be at least the ${received} already received` });
    }
    const unitPrice = toCents(String(line.unit_price));
    return {
      id,
      item_code: line.item_code?.trim() || null,
      description,
      quantity: quantity.toString(),
      unit: line.unit?.trim() || null,
      unit_price: unitPrice,
      line_total: lineTotal({ quantity: quantity.toString(), unit_price: unitPrice }),
      received_quantity: new Decimal(received).toString(),
    };
  });
  if (errors.length) throw unprocessable(errors);
  const sums = totals(
    priced.map((l) => l.line_total),
    tax.toString(),
  );
  if (new Decimal(sums.total).gte(MAX_TOTAL))
    throw unprocessable([{ field: 'lines', message: 'total is too large' }]);
  return { lines: priced, tax_rate: tax.toString(), ...sums };
}
