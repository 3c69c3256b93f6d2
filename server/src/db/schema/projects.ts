import { date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';
import { customers } from './customers.ts';

export const PROJECT_STATUSES = ['planned', 'active', 'on_hold', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A job for a customer: everything tested for it hangs off the project. `number` is its code. */
export const projects = pgTable(
  'projects',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    customer_id: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    description: text('description'),
    status: text('status').$type<ProjectStatus>().notNull().default('planned'),
    start_date: date('start_date', { mode: 'string' }),
    due_date: date('due_date', { mode: 'string' }),
    manager_id: uuid('manager_id'),
    rfq_id: uuid('rfq_id'),
    estimation_id: uuid('estimation_id'),
  },
  (t) => [
    uniqueIndex('projects_number_key').on(t.number),
    index('projects_customer_idx').on(t.customer_id, t.created_at),
    index('projects_status_idx').on(t.status),
    index('projects_created_at_idx').on(t.created_at, t.id),
    index('projects_due_date_idx').on(t.due_date),
    index('projects_manager_idx').on(t.manager_id),
  ],
);
