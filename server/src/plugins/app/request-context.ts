import fp from 'fastify-plugin';

/**
 * Echo a well-formed incoming X-Request-Id (or the one Fastify generated), and give every request
 * its audit context. One log line per request, written when it completes. Drain on shutdown.
 */
export default fp(
  async (app) => {
    app.decorateRequest('audit', null as never);
    app.addHook('onRequest', async (req, reply) => {
      reply.header('x-request-id', req.id);
      req.audit = { actorId: null, requestId: req.id, ip: req.ip ?? null };
    });
    // While shutting down, answers to in-flight requests close their keep-alive connection, so the
    // server can finish closing as soon as the last one is out (otherwise an idle client holds it open).
    let draining = false;
    app.addHook('preClose', async () => {
      draining = true;
    });
    app.addHook('onSend', async (_req, reply, payload) => {
      if (draining) reply.header('connection', 'close');
      return payload;
    });
    app.addHook('onResponse', async (req, reply) => {
      const level = reply.statusCode >= 500 ? 'error' : 'info';
      req.log[level](
        {
          method: req.method,
          url: req.url,
          route: req.routeOptions.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          user: req.user?.id,
        },
        'request',
      );
    });
  },
  { name: 'request-context' },
);
