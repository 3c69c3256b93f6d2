import { Type } from 'typebox';
import { tasks } from '../../db/schema/index.ts';
import { findVisible } from '../../lib/crud.ts';
import { registerResource } from '../../lib/resource.ts';
import { IdParams } from '../../lib/schemas.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { registerBulkUpdate } from './tasks.bulk.ts';
import { descendants } from './tasks.hierarchy.ts';
import { taskScope } from './tasks.policy.ts';
import './tasks.reminders.ts';
import {
  TASK_CSV_COLUMNS,
  TaskCreate,
  TaskPublic,
  TaskTreeNode,
  TaskUpdate,
  taskListSpec,
} from './tasks.schemas.ts';
import {
  expandTasks,
  TASK_WRITERS,
  taskAfterInsert,
  taskMachine,
  taskToInsert,
  taskToPatch,
} from './tasks.service.ts';

/**
 * /tasks (TSK-000001): the lab's to-dos with a hierarchy, tags, links and a field-level history
 * (GET /tasks/{id}/history: the audit events with `changes: {field: [before, after]}`). Staff read
 * (an engineer only the tasks assigned to them), managers and engineers write, managers archive.
 * Rules in tasks.service.ts, tasks.hierarchy.ts and tasks.policy.ts (working hours).
 */
export default async function tasksRoutes(app: App) {
  // static paths first: /tasks/bulk-update must not be read as /tasks/{id}
  registerBulkUpdate(app);

  registerResource(app, {
    name: 'task',
    path: 'tasks',
    tag: 'tasks',
    table: tasks,
    schemas: { public: TaskPublic, create: TaskCreate, update: TaskUpdate },
    list: taskListSpec,
    csvColumns: TASK_CSV_COLUMNS,
    roles: { read: STAFF, write: TASK_WRITERS, archive: MANAGERS },
    scope: taskScope,
    numbering: { prefix: 'TSK', column: 'number' },
    toInsert: taskToInsert,
    afterInsert: taskAfterInsert,
    toPatch: taskToPatch,
    expand: expandTasks,
    machine: taskMachine,
  });

  app.get(
    '/api/v1/tasks/:id/subtasks',
    {
      config: { roles: STAFF },
      schema: {
        operationId: 'tasks-subtasks',
        tags: ['tasks'],
        summary: 'Every subtask below this task, any depth, in tree order',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(TaskTreeNode) }, { title: 'TaskSubtree' }) },
      },
    },
    async (req) => {
      const scope = taskScope(req.user);
      await findVisible(app.db, { table: tasks, name: 'task' }, req.params.id, scope);
      return { items: await descendants(app.db, req.params.id, scope) };
    },
  );
}
