import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { ActionDef, Machine } from '../../lib/actions.ts';
import type { Row } from '../../lib/crud.ts';
import { today } from '../../lib/dates.ts';
import { invalidField } from '../../lib/errors.ts';
import { MANAGERS } from '../../plugins/app/auth.ts';
import { notBefore } from '../commercial/references.ts';
import { EvaluationBody } from './suppliers.schemas.ts';

/**
 * Supplier approval (ISO/IEC 17025 §6.6): pending → approved | conditional | rejected, and
 * `re-evaluate` back to pending. Every decision records the evaluation: notes (required for a
 * conditional approval and a rejection, which must say why), the evaluation date (default today)
 * and the next evaluation due. Managers decide.
 */
type Body = Record<string, unknown>;

function evaluation(requireNotes: boolean) {
  return (_tx: Db, _row: Row, body: Body, req: FastifyRequest) => {
    const notes = typeof body.evaluation_notes === 'string' ? body.evaluation_notes.trim() : '';
    if (requireNotes && !notes) {
      throw invalidField('evaluation_notes', 'say what the restriction or the reason is');
    }
    const date = (body.evaluation_date as string | null | undefined) ?? today(req);
    notBefore(date, body.next_evaluation_due, 'next_evaluation_due', 'evaluation_date');
    return {
      evaluation_notes: notes || null,
      evaluation_date: date,
      evaluated_by: req.user.id,
      ...(body.next_evaluation_due !== undefined ? { next_evaluation_due: body.next_evaluation_due } : {}),
    };
  };
}

const decision = (
  name: string,
  from: string[],
  to: string,
  requireNotes: boolean,
  summary: string,
): ActionDef => ({
  name,
  from,
  to,
  roles: MANAGERS,
  body: EvaluationBody,
  summary,
  apply: evaluation(requireNotes),
});

export const supplierMachine: Machine = {
  field: 'approval_status',
  actions: [
    decision('approve', ['pending', 'conditional'], 'approved', false, 'Approve after evaluation'),
    decision(
      'approve-conditionally',
      ['pending', 'approved'],
      'conditional',
      true,
      'Approve with restrictions (say which in evaluation_notes)',
    ),
    decision('reject', ['pending', 'approved', 'conditional'], 'rejected', true, 'Reject (say why)'),
    {
      name: 're-evaluate',
      from: ['approved', 'conditional', 'rejected'],
      to: 'pending',
      roles: MANAGERS,
      body: EvaluationBody,
      summary: 'Start a new evaluation: back to pending until decided',
      apply: (_tx, _row, body) =>
        typeof body.evaluation_notes === 'string' && body.evaluation_notes.trim()
          ? { evaluation_notes: body.evaluation_notes.trim() }
          : {},
    },
  ],
};
