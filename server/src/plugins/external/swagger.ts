import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/**
 * The OpenAPI 3.1 document is generated from the route schemas (never hand-written) and served at
 * /openapi.json, with the interactive docs at /docs.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Labline API',
          version: '1.0.0',
          description:
            'Laboratory management for testing and certification labs. Errors are application/problem+json (RFC 9457).',
        },
        servers: [{ url: '/' }],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            oauth2: {
              type: 'oauth2',
              flows: { password: { tokenUrl: '/api/v1/auth/login', scopes: {} } },
            },
          },
        },
        tags: [
          { name: 'system', description: 'Health, readiness and metrics' },
          { name: 'auth', description: 'Login, tokens, sessions, passwords' },
          { name: 'users', description: 'User accounts and roles' },
          { name: 'customers', description: 'Customers and their contacts' },
          { name: 'audit', description: 'The tamper-evident audit trail' },
        ],
      },
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    await app.register(async (docs) => {
      // Routes the docs UI adds are public by nature; declaring it here keeps "deny by default" strict.
      docs.addHook('onRoute', (route) => {
        route.config = { ...(route.config as object), public: true };
      });
      await docs.register(swaggerUi, { routePrefix: '/docs', staticCSP: false });
    });
    app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
