import { commercialStep } from './commercial.ts';
import { customersStep } from './customers.ts';
import { documentsStep } from './documents.ts';
import { intakeStep } from './intake.ts';
import { methodsStep } from './methods.ts';
import { ordersStep } from './orders.ts';
import { qualityStep } from './quality.ts';
import { reportsStep } from './reports.ts';
import { specificationsStep } from './specifications.ts';
import type { DemoStep } from './step.ts';
import { tasksStep } from './tasks.ts';
import { testingStep } from './testing.ts';
import { usersStep } from './users.ts';

/**
 * Every demo step in load order (later steps may look up what earlier ones created). A new
 * resource adds its file next to these and one entry here.
 */
export const DEMO_STEPS: DemoStep[] = [
  customersStep,
  usersStep,
  methodsStep,
  specificationsStep,
  commercialStep,
  intakeStep,
  testingStep,
  reportsStep,
  tasksStep,
  ordersStep,
  documentsStep,
  qualityStep,
];
