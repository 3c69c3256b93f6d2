import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { todayIn } from '../../lib/dates.ts';
import { invalidField } from '../../lib/errors.ts';
import { DateOnly, Id } from '../../lib/schemas.ts';

/** Longest period a request may ask for: three years of daily rollup rows is still cheap. */
export const MAX_PERIOD_DAYS = 1096;
/** Default period: the last 13 weeks, today included. */
export const DEFAULT_PERIOD_DAYS = 91;

export const FigureFilterFields = {
  from: Type.Optional({
    ...DateOnly,
    description: 'First day of the period (inclusive). Default: 90 days before `to`.',
  }),
  to: Type.Optional({ ...DateOnly, description: 'Last day of the period (inclusive). Default: today.' }),
  customer_id: Type.Optional({
    ...Id,
    description: 'Only this customer. Ignored for a customer user, who always sees only its own customer.',
  }),
  method_id: Type.Optional({
    ...Id,
    description:
      'Only this test method. Applies to the testing figures (results, TAT, on-time, executions, workload); ' +
      'intake and commercial figures (samples, RFQs, quotes, projects, revenue) ignore it.',
  }),
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('csv')], {
      description: '`csv` answers the figures as CSV (also `Accept: text/csv`).',
    }),
  ),
};

export interface FigureQuery {
  from?: string;
  to?: string;
  customer_id?: string;
  method_id?: string;
  format?: 'json' | 'csv';
}

/** The resolved, role-scoped filters every figure is computed with. */
export interface Filters {
  from: string;
  to: string;
  /** the period of the same length just before [from, to], for deltas */
  prevFrom: string;
  prevTo: string;
  today: string;
  customerId: string | null;
  methodId: string | null;
  /** the caller: customers see only their figures, engineers their own workload highlighted */
  userId: string;
  isCustomer: boolean;
  /** per-request memo: figures that share one aggregate query run it once */
  memo: Map<string, Promise<unknown>>;
}

const DAY = 86_400_000;
const toDate = (s: string) => new Date(`${s}T00:00:00Z`);
export const addDays = (s: string, days: number) =>
  new Date(toDate(s).getTime() + days * DAY).toISOString().slice(0, 10);
/** 2026-02-30 is well formed but not a day: JavaScript would roll it over to 2 March. */
const isRealDate = (s: string) => {
  const d = toDate(s);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const daysBetween = (a: string, b: string) => Math.round((toDate(b).getTime() - toDate(a).getTime()) / DAY);

/** Validates the period (422 naming the field) and applies customer scoping from the caller's role. */
export function resolveFilters(req: FastifyRequest, query: FigureQuery): Filters {
  const today = todayIn(req.server.config.TIMEZONE);
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (!isRealDate(from)) throw invalidField('from', 'must be a real date (YYYY-MM-DD)');
  if (!isRealDate(to)) throw invalidField('to', 'must be a real date (YYYY-MM-DD)');
  const length = daysBetween(from, to) + 1;
  if (length < 1) throw invalidField('from', 'must be on or before `to`');
  if (length > MAX_PERIOD_DAYS)
    throw invalidField('from', `the period may span at most ${MAX_PERIOD_DAYS} days`);
  const user = req.user;
  const isCustomer = user.role === 'customer';
  return {
    from,
    to,
    prevFrom: addDays(from, -length),
    prevTo: addDays(from, -1),
    today,
    // a customer user without a binding sees nothing: an id no row has
    customerId: isCustomer
      ? (user.customerId ?? '00000000-0000-0000-0000-000000000000')
      : (query.customer_id ?? null),
    methodId: query.method_id ?? null,
    userId: user.id,
    isCustomer,
    memo: new Map(),
  };
}

export const wantsCsv = (req: FastifyRequest, query: FigureQuery) =>
  query.format === 'csv' || (query.format !== 'json' && (req.headers.accept ?? '').includes('text/csv'));
