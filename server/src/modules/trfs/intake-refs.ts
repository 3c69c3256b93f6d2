import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers, projects } from '../../db/schema/index.ts';
import { HttpError } from '../../lib/errors.ts';
import type { CurrentUser } from '../../types.ts';

/**
 * What TRFs and samples share: the project they are filed under (and, through it, the customer),
 * and "today" in the lab's time zone (received dates and signatures may not be in the future).
 */

export { today, todayIn } from '../../lib/dates.ts';

export interface IntakeProject {
  id: string;
  number: string;
  customer_id: string;
  customer_name: string;
  status: string;
  archived_at: Date | null;
}

/** Projects that take no more requests or samples. */
const CLOSED_PROJECT_STATES = ['completed', 'cancelled'];

/**
 * The project a TRF or sample is filed under, as this caller may name it. A customer user may only
 * name its own customer's projects: anyone else's answers exactly like a project that does not
 * exist (404), so a customer never learns it is there. Archived or closed projects are 409.
 */
export async function projectForIntake(
  db: Db,
  projectId: string,
  user: CurrentUser,
  field = 'project_id',
): Promise<IntakeProject> {
  const [project] = await db
    .select({
      id: projects.id,
      number: projects.number,
      customer_id: projects.customer_id,
      customer_name: customers.company_name,
      status: projects.status,
      archived_at: projects.archived_at,
    })
    .from(projects)
    .innerJoin(customers, eq(customers.id, projects.customer_id))
    .where(
      and(
        eq(projects.id, projectId),
        user.role === 'customer' ? eq(projects.customer_id, user.customerId ?? sql`null`) : undefined,
      ),
    )
    .limit(1);
  if (!project) {
    throw new HttpError(404, 'Not Found', `Project ${projectId} not found`, {
      errors: [{ field, message: 'no such project' }],
    });
  }
  if (project.archived_at) {
    throw new HttpError(409, 'Conflict', `Project ${project.number} is archived; restore it first`, {
      errors: [{ field, message: `project ${project.number} is archived` }],
    });
  }
  if (CLOSED_PROJECT_STATES.includes(project.status)) {
    throw new HttpError(
      409,
      'Conflict',
      `Project ${project.number} is ${project.status} and takes no more test requests or samples`,
      { errors: [{ field, message: `project ${project.number} is ${project.status}` }] },
    );
  }
  return project;
}

/** Project number and customer name for each project id: one query for a whole page. */
export async function projectLabels(
  db: Db,
  ids: string[],
): Promise<Map<string, { number: string; customer_name: string }>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: projects.id, number: projects.number, customer_name: customers.company_name })
    .from(projects)
    .innerJoin(customers, eq(customers.id, projects.customer_id))
    .where(inArray(projects.id, unique));
  return new Map(rows.map((r) => [r.id, { number: r.number, customer_name: r.customer_name }]));
}
