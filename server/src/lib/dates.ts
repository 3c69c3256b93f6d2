import type { FastifyRequest } from 'fastify';

/** Today as YYYY-MM-DD in a time zone (en-CA writes dates that way). */
export const todayIn = (timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

/** Today in the lab's time zone (config TIMEZONE): received dates, signatures and order dates. */
export const today = (req: FastifyRequest): string => todayIn(req.server.config.TIMEZONE);
