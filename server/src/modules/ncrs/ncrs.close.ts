import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import type { NcrStep } from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import { etag, expectedVersion } from '../../lib/concurrency.ts';
import { findVisible, type Row, updateEntity } from '../../lib/crud.ts';
import { conflict, invalidTransition } from '../../lib/errors.ts';
import { IdempotencyHeaders, IdParams, IfMatchHeaders, Nullable, Text } from '../../lib/schemas.ts';
import { requireMeaning, SignatureBody, sign } from '../../lib/signatures.ts';
import type { App } from '../../types.ts';
import { NcrWithActions } from './ncrs.schemas.ts';
import { NCR_REF, ncrMachine, stepBy } from './ncrs.service.ts';
import { QUALITY_OWNERS } from './people.ts';

/**
 * Closing an NCR: from verification, only after an effectiveness check recorded as effective,
 * and signed by the closer (password again, meaning "closed"). The signature and the close
 * commit together: a wrong password is a 403 and nothing changes.
 */
export const NcrCloseBody = Type.Object(
  { ...SignatureBody.properties, note: Type.Optional(Nullable(Text(2000))) },
  { additionalProperties: false, title: 'NcrClose' },
);

export default async function ncrCloseRoute(app: App, expand: (db: Db, rows: Row[]) => Promise<Row[]>) {
  app.post(
    '/api/v1/ncrs/:id/close',
    {
      config: { roles: QUALITY_OWNERS, idempotent: true },
      schema: {
        operationId: 'ncrs-close',
        tags: ['ncrs'],
        summary: 'Close (from verification): needs an effective check and an e-signature (meaning "closed")',
        params: IdParams,
        headers: Type.Intersect([IfMatchHeaders, IdempotencyHeaders]),
        body: NcrCloseBody,
        response: { 200: NcrWithActions },
      },
    },
    async (req, reply) => {
      const expected = expectedVersion(req.headers['if-match'], undefined);
      const body = req.body as Record<string, unknown>;
      const row = await app.db.transaction(async (tx) => {
        const current = await findVisible(tx, NCR_REF, req.params.id, undefined, true);
        if (current.status !== 'verification') {
          throw invalidTransition(
            'ncr',
            String(current.status),
            'close',
            allowedActions(ncrMachine, current, req.user),
          );
        }
        if (current.effectiveness_result !== 'effective') {
          throw conflict(
            `NCR ${current.number} closes only after an effectiveness check recorded as effective (it is ${current.effectiveness_result ?? 'not recorded'})`,
          );
        }
        requireMeaning(body, ['closed']);
        const signature = await sign(tx, req, {
          entityType: 'ncr',
          entityId: current.id,
          meaning: 'closed',
          content: {
            number: current.number,
            title: current.title,
            root_cause: current.root_cause,
            effectiveness_check: current.effectiveness_check,
            effectiveness_result: current.effectiveness_result,
            version: current.version,
          },
        });
        const step = await stepBy(tx, req, 'close', 'verification', 'closed', body.note);
        const patch = {
          status: 'closed',
          closed_at: new Date(),
          closed_by: req.user.id,
          signature_id: signature.id,
          steps: [...((current.steps as NcrStep[]) ?? []), step],
        };
        return (await updateEntity(tx, NCR_REF, req.audit, current.id, patch, { expected, action: 'close' }))
          .after;
      });
      const [full] = await expand(app.db, [row]);
      reply.header('etag', etag(row.version));
      return { ...full, allowed_actions: allowedActions(ncrMachine, row, req.user) } as never;
    },
  );
}
