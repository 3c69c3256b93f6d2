import { describe, expect, it } from 'vitest';
import { draftTotals, formatMoney, lineCents, parseDecimal } from './money';

describe('exact money in the browser', () => {
  it('prices 3 × 19.99 at 7.5 % as 59.97 + 4.50 = 64.47', () => {
    expect(draftTotals([{ quantity: '3', unit_price: '19.99', discount_pct: '' }], '7.5')).toEqual({
      lines: ['59.97'],
      subtotal: '59.97',
      tax_amount: '4.50',
      total: '64.47',
      complete: true,
    });
  });

  it('rounds like the server: half-up per line after discount, then the tax', () => {
    const totals = draftTotals(
      [
        { quantity: '0.1', unit_price: '0.70', discount_pct: '0' },
        { quantity: '0.2', unit_price: '0.70', discount_pct: '0' },
        { quantity: '7', unit_price: '33.33', discount_pct: '12.5' },
      ],
      '19',
    );
    expect(totals).toMatchObject({
      lines: ['0.07', '0.14', '204.15'],
      subtotal: '204.36',
      tax_amount: '38.83',
      total: '243.19',
    });
  });

  it('says when a figure is incomplete instead of guessing', () => {
    expect(lineCents({ quantity: '2', unit_price: '1.5.0', discount_pct: '0' })).toBeUndefined();
    expect(lineCents({ quantity: '2', unit_price: '10', discount_pct: '101' })).toBeUndefined();
    expect(draftTotals([{ quantity: '', unit_price: '10', discount_pct: '' }], '0').complete).toBe(false);
    expect(parseDecimal('-1')).toBeUndefined();
  });

  it('formats amounts with thousands separators, never through a float', () => {
    expect(formatMoney('1234567.5', 'USD')).toBe('1,234,567.50 USD');
    expect(formatMoney('0.10')).toBe('0.10');
  });
});
