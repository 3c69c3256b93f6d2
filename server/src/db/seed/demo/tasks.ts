import { inArray, sql } from 'drizzle-orm';
import { insertEntity } from '../../../lib/crud.ts';
import { nextNumber } from '../../../lib/numbering.ts';
import { projects, tasks, users } from '../../schema/index.ts';
import type { DemoStep } from './step.ts';

/**
 * Tasks for the demo year: recurring lab chores in every state, a few with subtasks, tags and links
 * to recent projects, most assigned to the demo engineer and manager, some due in the next days so
 * the board and the due-tomorrow reminder have something to show. Dates relative to the load day.
 */
const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

type Seed = {
  title: string;
  status: 'todo' | 'in_progress' | 'review' | 'done' | 'cancelled';
  priority: 'low' | 'medium' | 'high' | 'critical';
  who: 'engineer' | 'manager' | null;
  due: number | null;
  tags: string[];
  children?: Omit<Seed, 'children'>[];
};

const SEEDS: Seed[] = [
  {
    title: 'Monthly balance checks (lab 2)',
    status: 'in_progress',
    priority: 'high',
    who: 'engineer',
    due: 1,
    tags: ['calibration', 'equipment'],
    children: [
      {
        title: 'Check balance B-01 with 200 g weight',
        status: 'done',
        priority: 'medium',
        who: 'engineer',
        due: 0,
        tags: ['calibration'],
      },
      {
        title: 'Check balance B-02 with 200 g weight',
        status: 'todo',
        priority: 'medium',
        who: 'engineer',
        due: 1,
        tags: ['calibration'],
      },
    ],
  },
  {
    title: 'Replace multifibre strip stock',
    status: 'todo',
    priority: 'medium',
    who: 'engineer',
    due: 5,
    tags: ['consumables'],
  },
  {
    title: 'Climate chamber humidity drift: investigate',
    status: 'todo',
    priority: 'critical',
    who: 'engineer',
    due: 0,
    tags: ['equipment', 'urgent'],
  },
  {
    title: 'Review draft report for Nordic Threads',
    status: 'review',
    priority: 'high',
    who: 'manager',
    due: 2,
    tags: ['reporting'],
  },
  {
    title: 'Prepare ISO/IEC 17025 internal audit',
    status: 'in_progress',
    priority: 'high',
    who: 'manager',
    due: 14,
    tags: ['quality', 'audit'],
    children: [
      {
        title: 'Collect training records',
        status: 'done',
        priority: 'medium',
        who: 'manager',
        due: 7,
        tags: ['quality'],
      },
      {
        title: 'Update method validation files',
        status: 'in_progress',
        priority: 'medium',
        who: 'engineer',
        due: 10,
        tags: ['quality'],
      },
      {
        title: 'Book the audit room',
        status: 'todo',
        priority: 'low',
        who: 'manager',
        due: 12,
        tags: ['quality'],
      },
    ],
  },
  {
    title: 'Proficiency test round: colour fastness',
    status: 'todo',
    priority: 'medium',
    who: 'engineer',
    due: 21,
    tags: ['proficiency'],
  },
  {
    title: 'Archive last quarter’s retained samples',
    status: 'done',
    priority: 'low',
    who: 'engineer',
    due: -10,
    tags: ['samples'],
  },
  {
    title: 'Order new pilling box liners',
    status: 'cancelled',
    priority: 'low',
    who: null,
    due: null,
    tags: ['consumables'],
  },
  {
    title: 'Train new starter on ISO 105-C06',
    status: 'todo',
    priority: 'medium',
    who: 'manager',
    due: 30,
    tags: ['training'],
  },
];

export const tasksStep: DemoStep = {
  name: 'tasks',
  async load({ tx, audit }) {
    const people = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, ['engineer@demo.labline.local', 'manager@demo.labline.local']));
    const idOf = (who: Seed['who']) =>
      who ? (people.find((p) => p.email.startsWith(who))?.id ?? null) : null;
    const recent = await tx
      .select({ id: projects.id })
      .from(projects)
      .orderBy(sql`${projects.created_at} desc`)
      .limit(5);
    let created = 0;
    const add = async (seed: Omit<Seed, 'children'>, parentId: string | null, i: number) => {
      const project = recent.length ? recent[i % recent.length] : undefined;
      const row = await insertEntity(tx, { table: tasks, name: 'task' }, audit, {
        number: await nextNumber(tx, 'TSK'),
        title: seed.title,
        status: seed.status,
        priority: seed.priority,
        assignee_id: idOf(seed.who),
        reporter_id: idOf('manager'),
        due_date: seed.due === null ? null : dateIn(seed.due),
        parent_id: parentId,
        tags: seed.tags,
        links: project && !parentId ? [{ entity_type: 'project', entity_id: project.id }] : [],
        completed_at: seed.status === 'done' ? new Date() : null,
      });
      created++;
      return row;
    };
    for (const [i, seed] of SEEDS.entries()) {
      const parent = await add(seed, null, i);
      for (const child of seed.children ?? []) await add(child, parent.id, i);
    }
    return created;
  },
};
