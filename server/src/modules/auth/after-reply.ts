import type { App } from '../../types.ts';

/**
 * Work done after the answer, for the routes that must answer the same whether or not an account
 * exists (resend-verification, forgot-password): doing the lookup, the write and the mail after
 * replying means neither the body nor the response time tells the two cases apart. Closing the
 * app waits for the work still running, so nothing is cut off half way.
 */
export function afterReply(app: App): (label: string, work: () => Promise<unknown>) => void {
  const running = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });
  return (label, work) => {
    // setImmediate: start once the reply has been written, not while it is being serialized
    const task = new Promise((resolve) => setImmediate(resolve))
      .then(work)
      .catch((err) => app.log.error({ err }, `${label} failed`))
      .finally(() => running.delete(task));
    running.add(task);
  };
}
