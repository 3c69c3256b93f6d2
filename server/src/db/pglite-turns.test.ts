import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { yieldBeforeEachStatement } from './pglite-turns.ts';

let client: PGlite;

beforeAll(async () => {
  client = await PGlite.create();
  // false would mean this PGlite release no longer has the gate: every request would again hold
  // the event loop for all of its queries.
  expect(yieldBeforeEachStatement(client)).toBe(true);
  await client.exec('create table counted (n int)');
});

afterAll(async () => {
  await client.close();
});

it('gives the event loop a turn between two statements of one transaction', async () => {
  const order: string[] = [];
  await client.transaction(async (tx) => {
    await tx.query('select 1');
    setImmediate(() => order.push('another request'));
    await tx.query('select 2');
    order.push('second statement');
  });
  expect(order).toEqual(['another request', 'second statement']);
});

it('gives it a turn before a statement outside a transaction too', async () => {
  const order: string[] = [];
  setImmediate(() => order.push('another request'));
  await client.query('select 1');
  order.push('statement');
  expect(order).toEqual(['another request', 'statement']);
});

it('never runs another caller’s statement inside an open transaction during those turns', async () => {
  let begun!: () => void;
  const started = new Promise<void>((resolve) => {
    begun = resolve;
  });
  const transaction = client.transaction(async (tx) => {
    await tx.query('insert into counted values (1)');
    begun();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tx.query('insert into counted values (2)');
    throw new Error('roll back');
  });
  await started;
  // Issued while the transaction is open: it must wait for the rollback, not see row 1.
  const outside = client.query<{ n: number }>('select count(*)::int as n from counted');
  await expect(transaction).rejects.toThrow('roll back');
  expect((await outside).rows[0].n).toBe(0);
});
