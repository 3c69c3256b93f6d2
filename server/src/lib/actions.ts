import type { FastifyReply, FastifyRequest } from 'fastify';
import { type TObject, Type } from 'typebox';
import type { Db } from '../db/client.ts';
import type { Role } from '../db/schema/users.ts';
import type { App, CurrentUser } from '../types.ts';
import { expectedVersion } from './concurrency.ts';
import { type EntityRef, findVisible, type Row, updateEntity } from './crud.ts';
import { invalidTransition } from './errors.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders } from './schemas.ts';

/**
 * State machines (API.md: "State changes are explicit actions"): `POST /<resource>/{id}/<action>`,
 * allowed from some states, by some roles. An action from a state it does not leave is 409 naming
 * the current state and the actions allowed from it. Responses list `allowed_actions` for the caller,
 * so a client shows exactly the buttons that will work.
 */
export interface ActionDef {
  name: string;
  /** States the action may start from. */
  from: readonly string[];
  /** The state it leads to; omit when `apply` decides (or the state does not change). */
  to?: string;
  /**
   * The state column this action reads and writes, when not the machine's: a record with two
   * independent states (a sales order's delivery status and its invoicing status) keeps one machine.
   */
  field?: string;
  roles: readonly Role[];
  summary?: string;
  body?: TObject;
  /** Checks beyond state and role (who may, what must hold) and extra fields to write. */
  apply?: (
    tx: Db,
    row: Row,
    body: Record<string, unknown>,
    req: FastifyRequest,
  ) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined;
  /** After the commit: notifications, mail, cache invalidation. */
  after?: (app: App, row: Row, req: FastifyRequest) => Promise<void>;
  /**
   * The module registers this action's route itself (an action that creates another record, such as
   * a quote's `revise`, answers with that record): it is listed in `allowed_actions`, but
   * registerActions adds no route for it.
   */
  ownRoute?: boolean;
}

export interface Machine {
  /** The state column, `status` unless said otherwise. */
  field?: string;
  actions: readonly ActionDef[];
}

const may = (action: ActionDef, user: CurrentUser) =>
  user.role === 'admin' || action.roles.includes(user.role);

/** The actions this user may take on this row now. */
export function allowedActions(machine: Machine, row: Row, user: CurrentUser | undefined): string[] {
  return machine.actions
    .filter(
      (a) => a.from.includes(String(row[a.field ?? machine.field ?? 'status'])) && (!user || may(a, user)),
    )
    .map((a) => a.name);
}

/**
 * One action inside the caller's transaction: checks the state, runs `apply`, writes the change and
 * its audit event. The route does this for a request; another module calls it when its own action
 * moves this record too (starting an execution takes its sample to the bench), so the move is the
 * same everywhere. Roles are the caller's business: the route checks them, a module acts on its own authority.
 */
export async function performAction(
  tx: Db,
  machine: Machine,
  ref: EntityRef,
  actionOrName: ActionDef | string,
  id: string,
  body: Record<string, unknown>,
  req: FastifyRequest,
  opts: { expected?: number; scope?: import('drizzle-orm').SQL } = {},
): Promise<Row> {
  const action =
    typeof actionOrName === 'string' ? machine.actions.find((a) => a.name === actionOrName) : actionOrName;
  if (!action) throw new Error(`${ref.name} has no action ${String(actionOrName)}`);
  const field = action.field ?? machine.field ?? 'status';
  const current = await findVisible(tx, ref, id, opts.scope, true);
  const state = String(current[field]);
  if (!action.from.includes(state)) {
    throw invalidTransition(ref.name, state, action.name, allowedActions(machine, current, req.user));
  }
  const extra = (await action.apply?.(tx, current, body, req)) ?? {};
  const patch = { ...(action.to ? { [field]: action.to } : {}), ...extra };
  return (await updateEntity(tx, ref, req.audit, id, patch, { ...opts, action: action.name })).after;
}

export function registerActions(
  app: App,
  machine: Machine,
  ctx: {
    base: string;
    path: string;
    tag: string;
    ref: EntityRef;
    publicSchema: TObject;
    scopeOf: (req: FastifyRequest) => import('drizzle-orm').SQL | undefined;
    send: (req: FastifyRequest, reply: FastifyReply, row: Row) => unknown;
  },
) {
  for (const action of machine.actions) {
    if (action.ownRoute) continue;
    app.post(
      `${ctx.base}/:id/${action.name}`,
      {
        config: { roles: action.roles, idempotent: true },
        // An action whose body fields are all optional may be posted with no body at all.
        ...(action.body
          ? {
              preValidation: async (req: FastifyRequest) => {
                req.body ??= {};
              },
            }
          : {}),
        schema: {
          operationId: `${ctx.path}-${action.name}`,
          tags: [ctx.tag],
          summary: action.summary ?? `${action.name} (from ${action.from.join(', ')})`,
          params: IdParams,
          headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
          ...(action.body ? { body: action.body } : {}),
          response: { 200: ctx.publicSchema },
        },
      },
      async (req, reply) => {
        const { id } = req.params as { id: string };
        const body = (req.body ?? {}) as Record<string, unknown>;
        const expected = expectedVersion(req.headers['if-match'], body.version);
        const row = await app.db.transaction((tx) =>
          performAction(tx, machine, ctx.ref, action, id, body, req, { expected, scope: ctx.scopeOf(req) }),
        );
        await action.after?.(app, row, req);
        return ctx.send(req, reply, row) as never;
      },
    );
  }
}
