import { createServer } from 'node:net';

/** The first port of 8300-8399 free on 127.0.0.1 (the range this project's test servers use). */
export async function freePort(from = 8300, to = 8399): Promise<number> {
  for (let port = from; port <= to; port++) {
    const probe = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      await new Promise((resolve) => probe.close(resolve));
      return port;
    }
  }
  throw new Error(`no free port in ${from}-${to}`);
}
