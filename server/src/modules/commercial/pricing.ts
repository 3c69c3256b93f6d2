import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import type { PricedLine } from '../../db/schema/index.ts';
import { type FieldError, unprocessable } from '../../lib/errors.ts';
import { Decimal, priceLines, toCents } from '../../lib/money.ts';
import { Id, Money, Nullable, Text } from '../../lib/schemas.ts';
import { requireActiveMethods } from './references.ts';

/**
 * Priced lines for quotes and sales orders. Clients send quantities, prices and percentages as
 * decimal strings (or JSON numbers); the server checks the ranges, fills a catalogue method's
 * description and default price, and computes every line total and the totals exactly with
 * lib/money.ts. Figures a client sends for line_total, subtotal, tax or total are ignored.
 */
const decimal = (description: string) =>
  Type.Union(
    [Type.String({ pattern: '^\\d{1,10}(\\.\\d{1,4})?$' }), Type.Number({ minimum: 0, maximum: 1e10 })],
    { description },
  );

export const LineInput = Type.Object(
  {
    method_id: Type.Optional(Nullable(Id)),
    description: Type.Optional(Text(500)),
    quantity: decimal('> 0'),
    unit_price: Type.Optional(decimal('≥ 0; defaults to the method’s default price')),
    discount_pct: Type.Optional(decimal('0 to 100; default 0')),
  },
  { additionalProperties: false, title: 'PricedLineInput' },
);

export const LinePublic = Type.Object(
  {
    method_id: Nullable(Id),
    description: Type.String(),
    quantity: Type.String(),
    unit_price: Money,
    discount_pct: Type.String(),
    line_total: Money,
  },
  { title: 'PricedLine' },
);

export const TaxRate = decimal('percent, 0 to 100');
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217; default from config' });

/** The money fields a priced document carries, for its public schema. */
export const PricedFields = {
  lines: Type.Array(LinePublic),
  currency: Type.String(),
  tax_rate: Type.String(),
  subtotal: Money,
  tax_amount: Money,
  total: Money,
};

type LineIn = {
  method_id?: string | null;
  description?: string;
  quantity: string | number;
  unit_price?: string | number;
  discount_pct?: string | number;
};

/** Largest total a numeric(16,2) column holds comfortably. */
const MAX_TOTAL = new Decimal('1e13');

/**
 * Checks and prices `lines` at `taxRate`: every bad value is reported at once, named like the
 * validator does (`lines[2].unit_price`). Returns the lines as stored and the totals.
 */
export async function priceDocument(
  tx: Db,
  rawLines: unknown,
  taxRate: unknown,
  /** Methods of lines already on the document: one retired since does not block an edit. */
  keptMethodIds: readonly string[] = [],
) {
  const lines = (Array.isArray(rawLines) ? rawLines : []) as LineIn[];
  const errors: FieldError[] = [];
  const tax = new Decimal(taxRate === null || taxRate === undefined ? 0 : String(taxRate));
  if (tax.lt(0) || tax.gt(100)) errors.push({ field: 'tax_rate', message: 'must be between 0 and 100' });
  if (tax.decimalPlaces() > 3) errors.push({ field: 'tax_rate', message: 'has at most 3 decimals' });

  const methodIds = lines
    .map((l) => l.method_id)
    .filter((id): id is string => typeof id === 'string' && !keptMethodIds.includes(id));
  const methodsById = await requireActiveMethods(tx, methodIds, 'lines');
  const filled = lines.map((line, i) => {
    const at = (f: string) => `lines[${i}].${f}`;
    const method = line.method_id ? methodsById.get(line.method_id) : undefined;
    const description = line.description?.trim() || (method ? `${method.code} — ${method.title}` : '');
    if (!description)
      errors.push({ field: at('description'), message: 'is required for a line without a method' });
    const unitPrice = line.unit_price ?? method?.default_price ?? undefined;
    if (unitPrice === undefined || unitPrice === null) {
      errors.push({ field: at('unit_price'), message: 'is required (the method has no default price)' });
    }
    const quantity = new Decimal(String(line.quantity));
    if (!quantity.gt(0)) errors.push({ field: at('quantity'), message: 'must be greater than 0' });
    const discount = new Decimal(String(line.discount_pct ?? 0));
    if (discount.lt(0) || discount.gt(100)) {
      errors.push({ field: at('discount_pct'), message: 'must be between 0 and 100' });
    }
    return {
      method_id: line.method_id ?? null,
      description,
      quantity: quantity.toString(),
      // Rounded to cents before pricing: the line total is always quantity × the price shown.
      unit_price: toCents(String(unitPrice ?? 0)),
      discount_pct: discount.toString(),
    };
  });
  if (errors.length) throw unprocessable(errors);

  const priced = priceLines(filled, tax.toString());
  if (new Decimal(priced.total).gte(MAX_TOTAL))
    throw unprocessable([{ field: 'lines', message: 'total is too large' }]);
  return {
    lines: priced.lines as PricedLine[],
    tax_rate: tax.toString(),
    subtotal: priced.subtotal,
    tax_amount: priced.tax_amount,
    total: priced.total,
  };
}
