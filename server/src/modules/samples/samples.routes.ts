import { samples } from '../../db/schema/index.ts';
import { registerResource } from '../../lib/resource.ts';
import { ownCustomer } from '../../lib/scoping.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import sampleBatchRoutes from './samples.batch.ts';
import custodyRoutes from './samples.custody.ts';
import sampleLabelRoutes from './samples.labels.ts';
import { LAB, sampleMachine } from './samples.machine.ts';
import {
  SAMPLE_CSV_COLUMNS,
  SampleCreate,
  SamplePublic,
  SampleUpdate,
  sampleListSpec,
} from './samples.schemas.ts';
import { expandSamples, openCustody, sampleToInsert, sampleToPatch } from './samples.service.ts';

/**
 * Samples: registered by the lab (engineers, managers), read by staff and by their customer only;
 * with a chain of custody, partitions, bulk registration and printable labels.
 */
export default async function samplesRoutes(app: App) {
  registerResource(app, {
    name: 'sample',
    path: 'samples',
    tag: 'samples',
    table: samples,
    schemas: { public: SamplePublic, create: SampleCreate, update: SampleUpdate },
    list: sampleListSpec,
    csvColumns: SAMPLE_CSV_COLUMNS,
    roles: { read: [...STAFF, 'customer'], write: LAB, archive: MANAGERS },
    scope: ownCustomer(samples.customer_id),
    numbering: { prefix: 'SMP', column: 'number' },
    toInsert: sampleToInsert,
    toPatch: sampleToPatch,
    afterInsert: openCustody,
    expand: expandSamples,
    machine: sampleMachine,
  });
  await sampleBatchRoutes(app);
  await custodyRoutes(app);
  await sampleLabelRoutes(app);
}
