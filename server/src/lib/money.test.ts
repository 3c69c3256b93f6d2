import { describe, expect, it } from 'vitest';
import { lineTotal, priceLines, totals } from './money.ts';

describe('money', () => {
  it('prices 3 × 19.99 at 7.5 % tax exactly', () => {
    const { lines, subtotal, tax_amount, total } = priceLines([{ quantity: 3, unit_price: '19.99' }], '7.5');
    expect(lines[0].line_total).toBe('59.97');
    expect(subtotal).toBe('59.97');
    expect(tax_amount).toBe('4.50');
    expect(total).toBe('64.47');
  });

  it('does not drift where floating point would (0.1 + 0.2, many lines)', () => {
    expect(totals(['0.10', '0.20'], 0)).toEqual({ subtotal: '0.30', tax_amount: '0.00', total: '0.30' });
    const many = Array.from({ length: 1000 }, () => lineTotal({ quantity: 1, unit_price: '0.01' }));
    expect(totals(many, 0).total).toBe('10.00');
  });

  it('applies discounts and rounds half up to cents', () => {
    expect(lineTotal({ quantity: '2', unit_price: '10.005', discount_pct: 0 })).toBe('20.01');
    expect(lineTotal({ quantity: 1, unit_price: '100', discount_pct: '12.5' })).toBe('87.50');
    expect(lineTotal({ quantity: '1.5', unit_price: '33.33', discount_pct: '10' })).toBe('45.00');
  });
});
