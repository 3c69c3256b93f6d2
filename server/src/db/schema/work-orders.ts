import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, ts } from './columns.ts';
import { projects } from './projects.ts';
import { salesOrders } from './sales-orders.ts';

export const WORK_ORDER_STATUSES = ['open', 'in_progress', 'on_hold', 'done', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const WORK_ORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/**
 * The lab-floor job for a project or a sales order. `progress` is the hand-set figure; when the
 * linked project has test executions the API derives progress from them instead.
 */
export const workOrders = pgTable(
  'work_orders',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    project_id: uuid('project_id').references(() => projects.id),
    sales_order_id: uuid('sales_order_id').references(() => salesOrders.id),
    priority: text('priority').$type<(typeof WORK_ORDER_PRIORITIES)[number]>().notNull().default('normal'),
    assignee_id: uuid('assignee_id'),
    due_date: date('due_date', { mode: 'string' }),
    status: text('status').$type<WorkOrderStatus>().notNull().default('open'),
    progress: integer('progress').notNull().default(0),
    started_at: ts('started_at'),
    completed_at: ts('completed_at'),
    status_reason: text('status_reason'),
    notes: text('notes'),
  },
  (t) => [
    uniqueIndex('work_orders_number_key').on(t.number),
    index('work_orders_number_idx').on(t.number, t.id),
    index('work_orders_created_at_idx').on(t.created_at, t.id),
    index('work_orders_updated_at_idx').on(t.updated_at, t.id),
    index('work_orders_project_idx').on(t.project_id),
    index('work_orders_sales_order_idx').on(t.sales_order_id),
    index('work_orders_assignee_idx').on(t.assignee_id, t.status),
    index('work_orders_status_idx').on(t.status),
    index('work_orders_due_date_idx').on(t.due_date),
    check('work_orders_progress_range', sql`${t.progress} between 0 and 100`),
    check('work_orders_link_required', sql`${t.project_id} is not null or ${t.sales_order_id} is not null`),
  ],
);
