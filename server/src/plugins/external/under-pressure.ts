import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import { serviceUnavailable } from '../../lib/errors.ts';

/**
 * Load shedding: when the event loop lags (PGlite is one backend in this process, so a flood of
 * work shows here first) new requests get 503 + Retry-After instead of queueing until they time out.
 */
export default fp(
  async (app) => {
    await app.register(underPressure, {
      maxEventLoopDelay: app.config.MAX_EVENT_LOOP_DELAY_MS || 0,
      retryAfter: 5,
      pressureHandler: () => {
        throw serviceUnavailable('The server is overloaded; retry shortly', 5);
      },
    });
  },
  { name: 'under-pressure' },
);
