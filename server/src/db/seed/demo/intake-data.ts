import type { Row } from '../../../lib/crud.ts';
import type { sampleCustody } from '../../schema/index.ts';

/** The demo intake's vocabulary: dates relative to the load day, colours, compositions, custody moves. */
export const DAY = 86_400_000;
export const dateOf = (d: Date) => d.toISOString().slice(0, 10);
export const later = (d: Date, days: number, hour = 10) => {
  const out = new Date(Math.min(d.getTime() + days * DAY, Date.now() - 3_600_000));
  if (out.getTime() < Date.now() - DAY) out.setUTCHours(hour, 0, 0, 0);
  return out;
};
export const COLOURS = [
  'Navy',
  'Black',
  'Heather grey',
  'Off-white',
  'Forest green',
  'Burgundy',
  'Indigo',
  'Sand',
];
export const SHELVES = ['A1', 'A2', 'B1', 'B3', 'C2', 'C4', 'D1'];

export function composition(text: string) {
  const t = text.toLowerCase();
  if (t.includes('denim')) return '98% cotton, 2% elastane';
  if (t.includes('merino')) return '70% merino wool, 30% cotton';
  if (/jacket|tent|shell|outdoor/.test(t)) return '100% polyamide, PU coated';
  if (/leather|shoe|footwear|sole/.test(t)) return 'Leather upper, rubber sole';
  if (/toy|plush|baby/.test(t)) return '100% polyester plush';
  if (/towel|linen|bed/.test(t)) return '100% cotton terry';
  return '100% cotton';
}

export const SPEC_FOR: Record<string, string> = {
  'quality@nordicthreads.example': 'NT-APPAREL',
  'compliance@littlesprout.example': 'EN-14682',
};

/** The custody entries of a demo sample, from receipt to where it stands now. */
export function moves(
  sample: Row,
  s: {
    received: Date;
    location: string;
    status: string;
    /** false: sent back untested (a cancelled project) */
    tested: boolean;
    staffName: string;
    customer: string;
    by: string | null;
  },
): (typeof sampleCustody.$inferInsert)[] {
  const entry = (days: number, action: string, rest: Partial<typeof sampleCustody.$inferInsert>) => ({
    sample_id: sample.id,
    at: later(s.received, days, 9 + (days % 7)),
    action,
    from_party: null,
    to_party: null,
    location: null,
    notes: null,
    recorded_by: s.by,
    ...rest,
  });
  const out = [
    entry(0, 'received', {
      from_party: s.customer,
      to_party: s.staffName,
      location: s.location,
      notes:
        sample.condition === 'ok'
          ? null
          : `Condition on receipt: ${sample.condition} (${sample.condition_notes})`,
    }),
  ];
  const order = ['received', 'in_test', 'tested', 'retained', 'disposed'];
  const reached = (state: string) =>
    s.status === 'returned'
      ? s.tested && state !== 'disposed'
      : order.indexOf(s.status) >= order.indexOf(state);
  if (reached('in_test'))
    out.push(entry(2, 'to_testing', { from_party: s.location, to_party: s.staffName, location: 'Bench 2' }));
  if (reached('tested'))
    out.push(
      entry(9, 'from_testing', { from_party: s.staffName, to_party: 'Sample store', location: s.location }),
    );
  if (reached('retained'))
    out.push(entry(10, 'retained', { to_party: 'Retention store', location: 'Retention store R2' }));
  if (s.status === 'disposed')
    out.push(
      entry(125, 'disposed', { from_party: 'Retention store R2', notes: 'Textile waste, incinerated' }),
    );
  if (s.status === 'returned')
    out.push(entry(30, 'returned_to_customer', { to_party: s.customer, notes: 'Courier, tracked' }));
  return out;
}
