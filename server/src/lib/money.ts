import { Decimal } from 'decimal.js';

/**
 * Exact money (API.md "Money is exact"): decimal arithmetic, never floating point, rounded half-up
 * to cents at each line and at the tax, sent as strings. 3 × 19.99 at 7.5 % tax is 59.97 + 4.50 =
 * 64.47, every time.
 */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const toCents = (value: Decimal.Value) =>
  new Money(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

export interface LineInput {
  quantity: string | number;
  unit_price: string | number;
  discount_pct?: string | number | null;
}

/** quantity × unit price × (1 − discount %), rounded to cents. */
export function lineTotal(line: LineInput): string {
  const discount = new Money(line.discount_pct ?? 0).div(100);
  return toCents(new Money(line.quantity).mul(line.unit_price).mul(new Money(1).minus(discount)));
}

export interface Totals {
  subtotal: string;
  tax_amount: string;
  total: string;
}

/** Subtotal of the rounded line totals, tax at `taxRatePct` rounded to cents, and their sum. */
export function totals(lineTotals: readonly string[], taxRatePct: string | number): Totals {
  const subtotal = lineTotals.reduce((sum, t) => sum.plus(t), new Money(0));
  const tax = new Money(toCents(subtotal.mul(taxRatePct).div(100)));
  return { subtotal: toCents(subtotal), tax_amount: tax.toFixed(2), total: toCents(subtotal.plus(tax)) };
}

/** Prices lines (adds `line_total`) and totals them. */
export function priceLines<T extends LineInput>(lines: readonly T[], taxRatePct: string | number) {
  const priced = lines.map((l) => ({
    ...l,
    quantity: String(l.quantity),
    unit_price: toCents(l.unit_price),
    discount_pct: new Money(l.discount_pct ?? 0).toFixed(2),
    line_total: lineTotal(l),
  }));
  return {
    lines: priced,
    ...totals(
      priced.map((l) => l.line_total),
      taxRatePct,
    ),
  };
}

export { Decimal };
