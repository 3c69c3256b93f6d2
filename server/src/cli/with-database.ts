import type { Config } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';

/** Opens the configured database (taking the PGlite lock), runs `work`, and always closes it. */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
