import formbody from '@fastify/formbody';
import fp from 'fastify-plugin';

/** OAuth2 password-flow login posts a form (`username=…&password=…`). */
export default fp(
  async (app) => {
    await app.register(formbody, { bodyLimit: 16 * 1024 });
  },
  { name: 'formbody' },
);
