import fp from 'fastify-plugin';
import { setNotificationBaseUrl, takeQueuedMailFlag } from '../../lib/notifications.ts';
import type { App } from '../../types.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { runReminders } from './reminders.ts';

/** The app's notion of "now": tests replace `app.clock.now` with a fixed clock (no sleeping, no real time). */
export interface Clock {
  now(): Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    clock: Clock;
  }
}

const HOUR = 3600_000;

/**
 * Notifications: routes, the clock, mail delivery right after a request that queued notification
 * mail (after its commit), and the reminder sweeps at start and hourly (not under NODE_ENV=test,
 * where tests call runReminders with a fixed clock).
 */
export default fp(
  async (app: App) => {
    app.decorate('clock', { now: () => new Date() } satisfies Clock);
    setNotificationBaseUrl(app.config.PUBLIC_URL);

    app.addHook('onResponse', async () => {
      if (takeQueuedMailFlag()) {
        await app.mailer.deliver().catch((err) => app.log.warn({ err }, 'notification mail deferred'));
      }
    });

    await app.register(notificationsRoutes);

    if (app.config.NODE_ENV !== 'test') {
      let running: Promise<unknown> | undefined;
      const sweep = () => {
        running ??= runReminders(app, app.clock.now())
          .catch((err) => app.log.error({ err }, 'reminders failed'))
          .finally(() => {
            running = undefined;
          });
      };
      let timer: NodeJS.Timeout | undefined;
      app.addHook('onReady', async () => {
        sweep();
        timer = setInterval(sweep, HOUR);
        timer.unref();
      });
      app.addHook('onClose', async () => {
        if (timer) clearInterval(timer);
        await running;
      });
    }
  },
  { name: 'notifications', dependencies: ['db', 'mail'] },
);
