import type { operations } from './generated/schema';

/** Types of the wire contract, derived from the generated OpenAPI operations. */
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type OperationId = keyof operations;
export type ResponseOf<Op extends OperationId, Status extends number = 200> = Op extends OperationId
  ? Status extends keyof operations[Op]['responses']
    ? Json<operations[Op]['responses'][Status]>
    : never
  : never;
export type BodyOf<Op extends OperationId> = operations[Op] extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never;
export type QueryOf<Op extends OperationId> = operations[Op] extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

/** The list contract every resource shares. */
export interface Page<T> {
  items: T[];
  total?: number;
  skip: number;
  limit: number;
  has_more: boolean;
  total_is_estimate?: boolean;
}

export type Me = ResponseOf<'users-me'>;
export type Role = Me['role'];
export type AuditEvent = ResponseOf<'audit-log-list'>['items'][number];
