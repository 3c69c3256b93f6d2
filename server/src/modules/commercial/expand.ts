import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers, methods, projects, rfqs, users } from '../../db/schema/index.ts';
import type { Row } from '../../lib/crud.ts';

/**
 * Read-only labels for the linked records of a page of commercial documents (customer name, RFQ or
 * project number, manager name): one batched query per kind of link, never one per row.
 */
const ids = (rows: Row[], field: string) => [
  ...new Set(rows.map((r) => r[field]).filter((v): v is string => typeof v === 'string')),
];

async function lookup<T extends { id: string }>(
  fetch: (ids: string[]) => Promise<T[]>,
  wanted: string[],
): Promise<Map<string, T>> {
  return new Map(wanted.length ? (await fetch(wanted)).map((r) => [r.id, r]) : []);
}

export interface LinkLabels {
  customer?: boolean;
  rfq?: boolean;
  project?: boolean;
  manager?: boolean;
  /** `requested_methods` (code and title) from `requested_method_ids`. */
  methods?: boolean;
}

export function expandLinks(want: LinkLabels) {
  return async (db: Db, rows: Row[]): Promise<Row[]> => {
    const methodIds = [
      ...new Set(rows.flatMap((r) => (r.requested_method_ids as string[] | undefined) ?? [])),
    ];
    const [names, rfqNumbers, projectNumbers, managers, catalogue] = await Promise.all([
      want.customer
        ? lookup(
            (w) =>
              db
                .select({ id: customers.id, label: customers.company_name })
                .from(customers)
                .where(inArray(customers.id, w)),
            ids(rows, 'customer_id'),
          )
        : undefined,
      want.rfq
        ? lookup(
            (w) => db.select({ id: rfqs.id, label: rfqs.number }).from(rfqs).where(inArray(rfqs.id, w)),
            ids(rows, 'rfq_id'),
          )
        : undefined,
      want.project
        ? lookup(
            (w) =>
              db
                .select({ id: projects.id, label: projects.number })
                .from(projects)
                .where(inArray(projects.id, w)),
            ids(rows, 'project_id'),
          )
        : undefined,
      want.manager
        ? lookup(
            (w) =>
              db.select({ id: users.id, label: users.full_name }).from(users).where(inArray(users.id, w)),
            ids(rows, 'manager_id'),
          )
        : undefined,
      want.methods
        ? lookup(
            (w) =>
              db
                .select({ id: methods.id, code: methods.code, title: methods.title })
                .from(methods)
                .where(inArray(methods.id, w)),
            methodIds,
          )
        : undefined,
    ]);
    const label = (map: Map<string, { label: string }> | undefined, id: unknown) =>
      typeof id === 'string' ? (map?.get(id)?.label ?? null) : null;
    return rows.map((r) => ({
      ...r,
      ...(names ? { customer_name: label(names, r.customer_id) ?? '' } : {}),
      ...(rfqNumbers ? { rfq_number: label(rfqNumbers, r.rfq_id) } : {}),
      ...(projectNumbers ? { project_number: label(projectNumbers, r.project_id) } : {}),
      ...(managers ? { manager_name: label(managers, r.manager_id) } : {}),
      ...(catalogue
        ? {
            requested_methods: ((r.requested_method_ids as string[]) ?? [])
              .map((id) => catalogue.get(id))
              .filter((m) => m !== undefined),
          }
        : {}),
    }));
  };
}
