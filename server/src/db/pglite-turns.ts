import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite runs each statement synchronously inside this process, and an awaited query resolves
 * through microtasks only. A request that awaits ten queries in a row, such as `POST /reports` for
 * a 200-page project, therefore held the event loop for all ten (70–130 ms), and `/health`,
 * static files and every other request waited behind it. Giving the loop one turn
 * (`setImmediate`) before each statement bounds the wait to a single statement.
 *
 * The hook is PGlite's own per-statement gate, `_runExclusiveQuery`, which both `query()` and the
 * queries of a `transaction()` pass through. A transaction still holds PGlite's transaction lock
 * across those turns, so no other request's statement can run inside it. If a PGlite release
 * renames the method, the database still works, but without the turns; the test in
 * `pglite-turns.test.ts` fails and says so.
 */
export function yieldBeforeEachStatement(client: PGlite): boolean {
  const gate = client as unknown as { _runExclusiveQuery?: <T>(fn: () => Promise<T>) => Promise<T> };
  const original = gate._runExclusiveQuery;
  if (typeof original !== 'function') return false;
  gate._runExclusiveQuery = async function <T>(this: unknown, fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return original.call(this, fn) as Promise<T>;
  };
  return true;
}
