import { projects } from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import { findVisible } from '../../lib/crud.ts';
import { registerResource } from '../../lib/resource.ts';
import { IdParams } from '../../lib/schemas.ts';
import { ownCustomer } from '../../lib/scoping.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import { expandLinks } from '../commercial/expand.ts';
import { projectOverview } from './projects.overview.ts';
import {
  PROJECT_CSV_COLUMNS,
  ProjectCreate,
  ProjectOverview,
  ProjectPublic,
  ProjectUpdate,
  projectListSpec,
} from './projects.schemas.ts';
import { projectMachine, projectToInsert, projectToPatch } from './projects.service.ts';

/**
 * /projects: the job for a customer that everything tested hangs off. Made by hand (managers) or
 * by accepting a quote; staff read them, a portal customer reads its own.
 */
export default async function projectsRoutes(app: App) {
  const scope = ownCustomer(projects.customer_id);
  registerResource(app, {
    name: 'project',
    path: 'projects',
    tag: 'projects',
    table: projects,
    schemas: { public: ProjectPublic, create: ProjectCreate, update: ProjectUpdate },
    list: projectListSpec,
    csvColumns: PROJECT_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: MANAGERS },
    scope,
    numbering: { prefix: 'PRJ', column: 'number' },
    toInsert: projectToInsert,
    toPatch: projectToPatch,
    machine: projectMachine,
    expand: expandLinks({ customer: true, manager: true }),
  });

  app.get(
    '/api/v1/projects/:id/overview',
    {
      config: { roles: [...STAFF, 'customer'] },
      schema: {
        operationId: 'projects-overview',
        tags: ['projects'],
        summary:
          'The project page: links up the chain and counts and latest items of its TRFs, samples, plans, executions and results',
        params: IdParams,
        response: { 200: ProjectOverview },
      },
    },
    async (req) => {
      const project = await findVisible(
        app.db,
        { table: projects, name: 'project' },
        req.params.id,
        scope(req.user),
      );
      const overview = await projectOverview(app.db, project, req.user.role === 'customer');
      return {
        // The overview already read the customer and the manager: no expansion query needed.
        project: {
          ...project,
          customer_name: overview.customer?.company_name ?? '',
          manager_name: overview.manager?.full_name ?? null,
          allowed_actions: allowedActions(projectMachine, project, req.user),
        },
        ...overview,
      } as never;
    },
  );
}
