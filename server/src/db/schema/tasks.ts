import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { entityColumns, ts } from './columns.ts';
import { users } from './users.ts';

export const TASK_STATUSES = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses in which a task still counts as open (a parent cannot be done while a child is). */
export const OPEN_TASK_STATUSES = ['todo', 'in_progress', 'review'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** A link from a task to any record: `{entity_type: 'project', entity_id: '…'}`. */
export interface TaskLink {
  entity_type: string;
  entity_id: string;
}

/** Tasks (TSK-000001): the lab's to-dos, in a hierarchy of any depth, with tags and links. */
export const tasks = pgTable(
  'tasks',
  {
    ...entityColumns(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    status: text('status').$type<TaskStatus>().notNull().default('todo'),
    priority: text('priority').$type<TaskPriority>().notNull().default('medium'),
    assignee_id: uuid('assignee_id').references(() => users.id),
    reporter_id: uuid('reporter_id').references(() => users.id),
    due_date: date('due_date'),
    parent_id: uuid('parent_id').references((): AnyPgColumn => tasks.id),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    links: jsonb('links').$type<TaskLink[]>().notNull().default(sql`'[]'::jsonb`),
    completed_at: ts('completed_at'),
  },
  (t) => [
    uniqueIndex('tasks_number_key').on(t.number),
    index('tasks_created_at_idx').on(t.created_at, t.id),
    index('tasks_updated_at_idx').on(t.updated_at, t.id),
    index('tasks_status_idx').on(t.status, t.id),
    index('tasks_priority_idx').on(t.priority, t.id),
    index('tasks_assignee_idx').on(t.assignee_id, t.status),
    index('tasks_parent_idx').on(t.parent_id),
    index('tasks_due_date_idx').on(t.due_date, t.id),
    index('tasks_tags_idx').using('gin', t.tags),
    check('tasks_status_check', sql`${t.status} in ('todo','in_progress','review','done','cancelled')`),
    check('tasks_priority_check', sql`${t.priority} in ('low','medium','high','critical')`),
    check('tasks_not_own_parent', sql`${t.parent_id} is null or ${t.parent_id} <> ${t.id}`),
  ],
);
