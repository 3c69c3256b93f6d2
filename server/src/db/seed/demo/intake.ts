import { asc, eq, sql } from 'drizzle-orm';
import type { AuditContext } from '../../../lib/audit.ts';
import { insertEntity } from '../../../lib/crud.ts';
import { nextNumber } from '../../../lib/numbering.ts';
import type { Db } from '../../client.ts';
import {
  customers,
  projects,
  rfqs,
  sampleCustody,
  samples,
  specifications,
  type TrfItem,
  trfs,
  users,
} from '../../schema/index.ts';
import { PORTAL_CUSTOMER_EMAIL } from './customers.ts';
import { COLOURS, composition, DAY, dateOf, later, moves, SHELVES, SPEC_FOR } from './intake-data.ts';
import type { DemoStep } from './step.ts';

/**
 * Intake for the demo projects (after the commercial step): each project's test request with one
 * item per sample the quote was for, and the samples as far along as the project is (received,
 * on the bench, tested, retained, disposed or sent back), each with its chain of custody. A few
 * requests wait for review or were returned to the customer, some samples arrived damaged or wet,
 * and one was split for two labs. Without projects (no commercial step) it files three of its own.
 */
interface DemoProject {
  id: string;
  number: string;
  name: string;
  description: string | null;
  status: string;
  customer_id: string;
  customer_name: string;
  customer_email: string;
  contact: string | null;
  address: string | null;
  phone: string | null;
  created_at: Date;
  method_ids: string[] | null;
  quantity: number | null;
}

async function demoProjects(tx: Db, audit: AuditContext): Promise<DemoProject[]> {
  const load = () =>
    tx
      .select({
        id: projects.id,
        number: projects.number,
        name: projects.name,
        description: projects.description,
        status: projects.status,
        customer_id: projects.customer_id,
        customer_name: customers.company_name,
        customer_email: customers.email,
        contact: customers.contact_person,
        address: customers.address,
        phone: customers.phone,
        created_at: projects.created_at,
        method_ids: rfqs.requested_method_ids,
        quantity: rfqs.quantity,
      })
      .from(projects)
      .innerJoin(customers, eq(customers.id, projects.customer_id))
      .leftJoin(rfqs, eq(rfqs.id, projects.rfq_id))
      .orderBy(asc(projects.created_at));
  const found = await load();
  if (found.length) return found as DemoProject[];
  const firstCustomers = await tx.select().from(customers).orderBy(asc(customers.created_at)).limit(3);
  for (const [i, c] of firstCustomers.entries()) {
    await insertEntity(tx, { table: projects, name: 'project' }, audit, {
      number: await nextNumber(tx, 'PRJ'),
      name: ['Colour fastness check', 'Fibre composition', 'Seasonal screening'][i],
      customer_id: c.id,
      description: 'Demo project for intake',
      status: ['completed', 'active', 'planned'][i],
      created_at: new Date(Date.now() - (60 - i * 25) * DAY),
    });
  }
  return (await load()) as DemoProject[];
}

export const intakeStep: DemoStep = {
  name: 'intake',
  async load({ tx, audit }) {
    const [manager] = await tx.select().from(users).where(sql`${users.email} = 'manager@demo.labline.local'`);
    const [engineer] = await tx
      .select()
      .from(users)
      .where(sql`${users.email} = 'engineer@demo.labline.local'`);
    const staffName = engineer?.full_name ?? 'Sample reception';
    const activeSpecs = new Map(
      (await tx.select().from(specifications).where(eq(specifications.status, 'active'))).map((s) => [
        s.code,
        s.id,
      ]),
    );
    let created = 0;
    let shelf = 0;
    const custody: (typeof sampleCustody.$inferInsert)[] = [];

    const fileTrf = async (
      p: DemoProject,
      items: TrfItem[],
      at: Date,
      status: string,
      note: string | null,
    ) => {
      const trf = await insertEntity(tx, { table: trfs, name: 'trf' }, audit, {
        number: await nextNumber(tx, 'TRF'),
        project_id: p.id,
        customer_id: p.customer_id,
        applicant: {
          name: p.contact ?? p.customer_name,
          company: p.customer_name,
          address: p.address,
          email: p.customer_email,
          phone: p.phone,
        },
        items,
        special_instructions: 'Please return untested material after the retention period.',
        declaration_accepted: true,
        signature_name: p.contact ?? p.customer_name,
        signature_date: dateOf(at),
        status,
        review_note: note,
        reviewed_by: status === 'submitted' ? null : (manager?.id ?? null),
        created_at: at,
        updated_at: later(at, 1),
      });
      created++;
      return trf;
    };

    const projectsSeen = await demoProjects(tx, audit);
    let splitDone = false;
    for (const [pi, p] of projectsSeen.entries()) {
      const count = Math.max(1, Math.min(p.quantity ?? 3, 8));
      const spec = activeSpecs.get(SPEC_FOR[p.customer_email] ?? 'OEKO-TEX-100-II');
      const items: TrfItem[] = Array.from({ length: count }, (_, i) => ({
        item_no: i + 1,
        description: `${p.description ?? p.name}: ${COLOURS[(pi + i) % COLOURS.length]}`,
        composition: composition(`${p.name} ${p.description ?? ''}`),
        colour: COLOURS[(pi + i) % COLOURS.length],
        quantity: 2,
        end_use: p.name,
        method_ids: p.method_ids ?? [],
        specification_ids: spec ? [spec] : [],
      }));
      const filed = later(p.created_at, 1, 9);
      if (p.status === 'planned') {
        await fileTrf(p, items, filed, 'submitted', null);
        continue;
      }
      const cancelled = p.status === 'cancelled';
      const trf = await fileTrf(
        p,
        items,
        filed,
        cancelled ? 'returned' : 'accepted',
        cancelled
          ? 'Project cancelled by the customer; samples are sent back.'
          : 'Complete; samples expected this week.',
      );
      const received = later(filed, 3, 9);
      for (const item of items) {
        const i = item.item_no - 1;
        const condition = (pi + i) % 11 === 3 ? 'damaged' : (pi + i) % 13 === 5 ? 'wet' : 'ok';
        const status = cancelled
          ? 'returned'
          : p.status === 'completed'
            ? i % 3 === 2
              ? 'returned'
              : Date.now() - received.getTime() > 200 * DAY
                ? 'disposed'
                : 'retained'
            : p.status === 'active'
              ? ['tested', 'in_test', 'received'][Math.min(i, 2)]
              : 'received';
        const location = `Shelf ${SHELVES[shelf++ % SHELVES.length]}`;
        const retained = ['retained', 'disposed', 'returned'].includes(status);
        const sample = await insertEntity(tx, { table: samples, name: 'sample' }, audit, {
          number: await nextNumber(tx, 'SMP'),
          project_id: p.id,
          customer_id: p.customer_id,
          trf_id: trf.id,
          trf_item_no: item.item_no,
          description: item.description,
          received_date: dateOf(received),
          received_by: engineer?.id ?? null,
          condition,
          condition_notes:
            condition === 'damaged'
              ? 'Outer bag torn in transit; swatch intact'
              : condition === 'wet'
                ? 'Parcel arrived damp; dried before conditioning'
                : null,
          storage_location: retained ? 'Retention store R2' : location,
          retention_until: retained ? dateOf(later(received, 120)) : null,
          status,
          created_at: received,
          updated_at: received,
        });
        created++;
        const where = { received, location, staffName, customer: p.customer_name, by: engineer?.id ?? null };
        custody.push(...moves(sample, { ...where, status, tested: !cancelled }));
        // One sample of an active project was divided: half for chemistry, half for fastness.
        if (!splitDone && p.status === 'active' && status === 'received') {
          splitDone = true;
          const parts = [];
          for (const [k, lab] of ['chemistry', 'colour fastness'].entries()) {
            const part = await insertEntity(tx, { table: samples, name: 'sample' }, audit, {
              number: await nextNumber(tx, 'SMP'),
              project_id: p.id,
              customer_id: p.customer_id,
              trf_id: trf.id,
              trf_item_no: item.item_no,
              parent_id: sample.id,
              description: `${item.description} (part ${k + 1} of 2, for ${lab})`,
              received_date: sample.received_date,
              received_by: sample.received_by,
              condition: sample.condition,
              condition_notes: sample.condition_notes,
              storage_location: location,
              status: 'received',
              created_at: later(received, 1),
              updated_at: later(received, 1),
            });
            parts.push(part);
            created++;
            custody.push({
              sample_id: part.id,
              at: later(received, 1, 14),
              action: 'split_from',
              from_party: String(sample.number),
              location,
              notes: `Partition of ${sample.number}`,
              recorded_by: engineer?.id ?? null,
            });
          }
          custody.push({
            sample_id: sample.id,
            at: later(received, 1, 14),
            action: 'split',
            location,
            notes: `Divided into ${parts.map((x) => x.number).join(', ')}`,
            recorded_by: engineer?.id ?? null,
          });
        }
      }
    }
    // The portal customer also has a request the lab sent back, waiting for its correction.
    const nordic = projectsSeen.find(
      (p) => p.customer_email === PORTAL_CUSTOMER_EMAIL && p.status === 'active',
    );
    if (nordic) {
      await fileTrf(
        nordic,
        [
          {
            item_no: 1,
            description: 'Additional colourway: Sand',
            colour: 'Sand',
            quantity: 2,
            method_ids: nordic.method_ids ?? [],
            specification_ids: [],
          },
        ],
        new Date(Date.now() - 6 * DAY),
        'returned',
        'Please state the fibre composition of the item and the care label instructions.',
      );
    }
    for (let i = 0; i < custody.length; i += 500)
      await tx.insert(sampleCustody).values(custody.slice(i, i + 500));
    return created;
  },
};
