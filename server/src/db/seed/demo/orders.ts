import { asc, inArray, isNotNull, sql } from 'drizzle-orm';
import { insertEntity, updateEntity } from '../../../lib/crud.ts';
import { nextNumber } from '../../../lib/numbering.ts';
import { pricePurchaseOrder } from '../../../modules/purchase-orders/purchase-orders.pricing.ts';
import {
  projects,
  purchaseOrderReceipts,
  purchaseOrders,
  salesOrders,
  suppliers,
  users,
  workOrders,
} from '../../schema/index.ts';
import type { DemoStep } from './step.ts';

/**
 * Operations for the demo year: evaluated suppliers (approved, conditional, pending, rejected),
 * purchase orders in every state with receipts, work orders on recent projects, and invoicing on
 * the sales orders the commercial step made (older ones invoiced and mostly paid). Dates are
 * relative to the day the demo loads; records are created oldest first.
 */
const DAY = 86_400_000;
const at = (daysAgo: number, hour = 10) => {
  const d = new Date(Date.now() - daysAgo * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

const SUPPLIERS = [
  {
    name: 'SDC Enterprises',
    category: 'reference_materials',
    supplies: 'Grey scales, multifibre adjacent fabrics, ECE detergent',
    status: 'approved',
  },
  {
    name: 'James Heal',
    category: 'equipment',
    supplies: 'Martindale, pilling boxes, abrasion consumables',
    status: 'approved',
  },
  {
    name: 'Calibra Metrology Services',
    category: 'calibration',
    supplies: 'ISO/IEC 17025 accredited calibration of balances and thermometers',
    status: 'approved',
  },
  {
    name: 'LabChem Distribution',
    category: 'reagents',
    supplies: 'Buffer solutions, solvents, pH standards',
    status: 'conditional',
    notes: 'Approved for non-accredited work only until their CoA format is fixed',
  },
  {
    name: 'FabTest Proficiency',
    category: 'proficiency_testing',
    supplies: 'Colour fastness and dimensional stability PT rounds',
    status: 'pending',
  },
  {
    name: 'QuickLab Supplies',
    category: 'consumables',
    supplies: 'Gloves, pipette tips, sample bags',
    status: 'rejected',
    notes: 'Three late deliveries and a wrong lot in one quarter',
  },
] as const;

const ITEMS = [
  {
    item_code: 'GS-105-A02',
    description: 'Grey scale for change in colour',
    unit: 'set',
    unit_price: '86.40',
  },
  { item_code: 'GS-105-A03', description: 'Grey scale for staining', unit: 'set', unit_price: '86.40' },
  { item_code: 'MF-DW', description: 'Multifibre adjacent fabric DW', unit: 'm', unit_price: '12.75' },
  { item_code: 'ECE-B', description: 'ECE reference detergent B, 2 kg', unit: 'pack', unit_price: '39.90' },
  { item_code: 'MD-ABR', description: 'Martindale abradant, standard wool', unit: 'm', unit_price: '24.10' },
  { item_code: 'CAL-BAL', description: 'Balance calibration, on site', unit: 'visit', unit_price: '420.00' },
] as const;

type PoPlan = { daysAgo: number; supplier: number; items: number[]; status: string };
const PO_PLANS: PoPlan[] = Array.from({ length: 24 }, (_, i) => {
  // a year of closed orders, then the last weeks in every open state
  const daysAgo = i < 16 ? 350 - i * 19 : [55, 45, 33, 30, 24, 16, 9, 2][i - 16]!;
  const status =
    daysAgo > 60
      ? 'closed'
      : daysAgo > 40
        ? 'received'
        : daysAgo > 28
          ? 'partially_received'
          : daysAgo > 20
            ? 'ordered'
            : daysAgo > 12
              ? 'approved'
              : daysAgo > 6
                ? 'submitted'
                : 'draft';
  return { daysAgo, supplier: i % 4, items: [i % 6, (i + 2) % 6], status: i === 9 ? 'cancelled' : status };
});

export const ordersStep: DemoStep = {
  name: 'orders',
  async load({ tx, audit }) {
    let created = 0;
    const people = await tx
      .select({ id: users.id, email: users.email, role: users.role })
      .from(users)
      .where(inArray(users.role, ['manager', 'engineer']));
    const manager = people.find((p) => p.role === 'manager')?.id ?? null;
    const approver = people.filter((p) => p.role === 'manager')[1]?.id ?? manager;
    const engineers = people.filter((p) => p.role === 'engineer').map((p) => p.id);

    const supplierRows = [];
    for (const [i, s] of SUPPLIERS.entries()) {
      const evaluated = s.status === 'pending' ? null : dateOf(at(380 - i * 5));
      supplierRows.push(
        await insertEntity(tx, { table: suppliers, name: 'supplier' }, audit, {
          name: s.name,
          category: s.category,
          supplies: s.supplies,
          email: `orders@${s.name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`,
          contacts: [{ name: 'Sales desk', email: null, phone: null, role: 'Orders' }],
          approval_status: s.status,
          evaluation_notes:
            'notes' in s ? s.notes : evaluated ? 'Certificates and a trial order checked' : null,
          evaluation_date: evaluated,
          evaluated_by: evaluated ? manager : null,
          next_evaluation_due: evaluated ? dateOf(at(380 - i * 5 - 365)) : null,
          created_at: at(390 - i * 5),
        }),
      );
      created++;
    }

    for (const plan of PO_PLANS) {
      const ordered = at(plan.daysAgo);
      const priced = pricePurchaseOrder(
        plan.items.map((k, j) => ({ ...ITEMS[k], quantity: j === 0 ? 3 : 10 })),
        '7.5',
      );
      const reached = (s: string) =>
        ['submitted', 'approved', 'ordered', 'partially_received', 'received', 'closed'].indexOf(
          plan.status,
        ) >= ['submitted', 'approved', 'ordered', 'partially_received', 'received', 'closed'].indexOf(s);
      const received = plan.status === 'received' || plan.status === 'closed';
      const partial = plan.status === 'partially_received';
      const lines = priced.lines.map((l, j) => ({
        ...l,
        received_quantity: received ? l.quantity : partial && j === 0 ? l.quantity : '0',
      }));
      const po = await insertEntity(tx, { table: purchaseOrders, name: 'purchase_order' }, audit, {
        number: await nextNumber(tx, 'PO'),
        supplier_id: supplierRows[plan.supplier]!.id,
        ...priced,
        lines,
        currency: 'USD',
        order_date: dateOf(ordered),
        due_date: dateOf(at(plan.daysAgo - 14)),
        status: plan.status,
        submitted_by: plan.status !== 'draft' ? manager : null,
        submitted_at: plan.status !== 'draft' ? at(plan.daysAgo, 11) : null,
        approved_by: plan.status !== 'cancelled' && reached('approved') ? approver : null,
        approved_at: plan.status !== 'cancelled' && reached('approved') ? at(plan.daysAgo, 15) : null,
        ordered_at: plan.status !== 'cancelled' && reached('ordered') ? at(plan.daysAgo - 1) : null,
        received_at: received ? at(plan.daysAgo - 10) : null,
        status_reason: plan.status === 'cancelled' ? 'Supplier could not deliver before the PT round' : null,
        created_at: ordered,
      });
      created++;
      const receiptLines = lines.filter((l) => l.received_quantity !== '0');
      if (receiptLines.length) {
        await tx.insert(purchaseOrderReceipts).values(
          receiptLines.map((l) => ({
            purchase_order_id: po.id,
            line_id: l.id,
            quantity: l.received_quantity,
            received_by: manager,
            created_at: at(plan.daysAgo - 10),
          })),
        );
      }
    }

    // invoicing: orders older than a month are invoiced a week after ordering; most older ones paid
    const orders = await tx
      .select()
      .from(salesOrders)
      .where(sql`${salesOrders.status} <> 'cancelled'`)
      .orderBy(asc(salesOrders.order_date), asc(salesOrders.id));
    for (const [i, order] of orders.entries()) {
      const age = (Date.now() - new Date(order.order_date).getTime()) / DAY;
      if (age < 30 || !order.lines.length) continue;
      const invoiceDate = dateOf(new Date(new Date(order.order_date).getTime() + 7 * DAY));
      const paid = age > 75 && i % 7 !== 0;
      await updateEntity(
        tx,
        { table: salesOrders, name: 'sales_order' },
        audit,
        order.id,
        {
          status: order.status === 'open' ? 'confirmed' : order.status,
          invoicing_status: paid ? 'paid' : 'invoiced',
          invoice_number: `INV-${invoiceDate.slice(0, 4)}-${String(i + 1).padStart(5, '0')}`,
          invoice_date: invoiceDate,
          paid_date: paid ? dateOf(new Date(new Date(invoiceDate).getTime() + 30 * DAY)) : null,
        },
        { action: paid ? 'mark-paid' : 'invoice' },
      );
    }

    // work orders on the most recent projects
    const recent = await tx
      .select({
        id: projects.id,
        number: projects.number,
        name: projects.name,
        created_at: projects.created_at,
      })
      .from(projects)
      .where(isNotNull(projects.id))
      .orderBy(sql`${projects.created_at} desc`)
      .limit(12);
    for (const [i, project] of recent.reverse().entries()) {
      const status = i < 4 ? 'done' : i < 9 ? 'in_progress' : i === 9 ? 'on_hold' : 'open';
      await insertEntity(tx, { table: workOrders, name: 'work_order' }, audit, {
        number: await nextNumber(tx, 'WO'),
        title: `Condition, cut and test specimens for ${project.number}`,
        project_id: project.id,
        priority: i % 5 === 0 ? 'high' : 'normal',
        assignee_id: engineers.length ? engineers[i % engineers.length] : null,
        due_date: dateOf(new Date(project.created_at.getTime() + 21 * DAY)),
        status,
        progress: status === 'done' ? 100 : status === 'open' ? 0 : 20 + i * 5,
        started_at: status === 'open' ? null : new Date(project.created_at.getTime() + 2 * DAY),
        completed_at: status === 'done' ? new Date(project.created_at.getTime() + 18 * DAY) : null,
        status_reason: status === 'on_hold' ? 'Waiting for the climate chamber service' : null,
        created_at: new Date(project.created_at.getTime() + DAY),
      });
      created++;
    }
    return created;
  },
};
