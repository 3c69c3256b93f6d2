/**
 * Exact decimal money in the browser, for live totals while a quote is edited: decimal strings are
 * read into scaled BigInts, so 0.1 + 0.2 is 0.3 and 3 × 19.99 at 7.5 % is 59.97 + 4.50 = 64.47,
 * the same rounding as the server (half-up to cents per line, then on the tax). Display only: the
 * server recomputes everything on save and its figures are the ones kept.
 */
const SCALE = 4;
const ONE = 10n ** BigInt(SCALE);

/** "19.99" → 199900n (scale 4); undefined for anything that is not a plain non-negative decimal. */
export function parseDecimal(value: string | number | null | undefined): bigint | undefined {
  const text = typeof value === 'number' ? String(value) : (value ?? '').trim();
  const match = /^(\d+)(?:\.(\d{0,4}))?$/.exec(text);
  if (!match) return undefined;
  return BigInt(match[1]) * ONE + BigInt((match[2] ?? '').padEnd(SCALE, '0'));
}

/** n / d rounded half-up, for n, d ≥ 0. */
const divRound = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

/** Cents as "1234.50". */
export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export interface DraftLine {
  quantity: string;
  unit_price: string;
  discount_pct: string;
}

/** quantity × unit price × (1 − discount %), in cents; undefined while a figure is incomplete. */
export function lineCents(line: DraftLine): bigint | undefined {
  const q = parseDecimal(line.quantity);
  const p = parseDecimal(line.unit_price);
  const d = parseDecimal(line.discount_pct || '0');
  if (q === undefined || p === undefined || d === undefined || d > 100n * ONE) return undefined;
  // The server rounds the unit price to cents first.
  const price = divRound(p, ONE / 100n) * (ONE / 100n);
  // q·p·(100 − d) carries scale 4·3 = 12; in cents that is the product / 10^12.
  return divRound(q * price * (100n * ONE - d), ONE ** 3n);
}

export interface DraftTotals {
  lines: (string | undefined)[];
  subtotal: string;
  tax_amount: string;
  total: string;
  /** False while some line or the tax rate cannot be read yet. */
  complete: boolean;
}

export function draftTotals(lines: DraftLine[], taxRate: string): DraftTotals {
  const cents = lines.map(lineCents);
  const subtotal = cents.reduce<bigint>((sum, c) => sum + (c ?? 0n), 0n);
  const rate = parseDecimal(taxRate || '0');
  const tax = rate === undefined ? 0n : divRound(subtotal * rate, 100n * ONE);
  return {
    lines: cents.map((c) => (c === undefined ? undefined : formatCents(c))),
    subtotal: formatCents(subtotal),
    tax_amount: formatCents(tax),
    total: formatCents(subtotal + tax),
    complete: rate !== undefined && rate <= 100n * ONE && cents.every((c) => c !== undefined),
  };
}

/** "1234.5" → "1,234.50 USD"-style text for display. */
export function formatMoney(amount: string | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const [whole, fraction = ''] = amount.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${amount.startsWith('-') ? '-' : ''}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
  return currency ? `${text} ${currency}` : text;
}
