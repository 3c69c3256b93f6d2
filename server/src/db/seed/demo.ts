import type { HashPool } from '../../lib/passwords.ts';
import type { App } from '../../types.ts';
import type { Db } from '../client.ts';
import { DEMO_STEPS } from './demo/index.ts';
import { runDemoStep, type StepResult } from './demo/step.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/users.ts';

export interface DemoReport {
  steps: StepResult[];
  accounts: { email: string; role: string }[];
  password: string;
}

/** Loads every demo step not loaded yet; safe to run any number of times. */
export async function loadDemoData(db: Db, passwords: HashPool): Promise<DemoReport> {
  const steps: StepResult[] = [];
  for (const step of DEMO_STEPS) steps.push(await runDemoStep(db, passwords, step));
  return {
    steps,
    accounts: DEMO_USERS.map(({ email, role }) => ({ email, role })),
    password: DEMO_PASSWORD,
  };
}

/** The plain-text account list seed-demo prints (and the server logs on SEED_DEMO=true). */
export function describeDemo(report: DemoReport): string {
  const fresh = report.steps.filter((s) => s.loaded);
  const lines = fresh.length
    ? [`Demo data loaded: ${fresh.map((s) => `${s.name} (${s.created})`).join(', ')}`]
    : ['Demo data was already loaded; nothing added.'];
  lines.push(`Demo accounts, all with the password "${report.password}":`);
  for (const a of report.accounts) lines.push(`  ${a.email.padEnd(32)} ${a.role}`);
  return `${lines.join('\n')}\n`;
}

/** SEED_DEMO=true at server start. */
export async function seedDemo(app: App): Promise<void> {
  const report = await loadDemoData(app.db, app.passwords);
  process.stdout.write(describeDemo(report));
}
