import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import {
  type PurchaseOrderLine,
  purchaseOrderReceipts,
  purchaseOrders,
  users,
} from '../../db/schema/index.ts';
import { allowedActions } from '../../lib/actions.ts';
import { type EntityRef, findVisible, type Row, updateEntity } from '../../lib/crud.ts';
import { type FieldError, invalidTransition, unprocessable } from '../../lib/errors.ts';
import { Decimal } from '../../lib/money.ts';
import { purchaseOrderMachine } from './purchase-orders.service.ts';

/**
 * Receiving goods against an ordered purchase order, line by line. Each receipt row is kept
 * (who, when, how many, a note); the line's received_quantity is their running sum and the
 * order moves to partially_received or received by itself. Over-receiving is refused, naming the
 * line, and the whole request changes nothing (one transaction, the order row locked first so two
 * receivers cannot both take the last units).
 */
export const purchaseOrderRef: EntityRef = { table: purchaseOrders, name: 'purchase_order' };

interface ReceiptIn {
  line_id: string;
  quantity: string | number;
  note?: string | null;
}

const lineLabel = (line: PurchaseOrderLine, index: number) =>
  `line ${index + 1} (${[line.item_code, line.description].filter(Boolean).join(' ')})`;

/** The lines after these receipts, or a 422 naming every line that would be over-received. */
export function applyReceipts(lines: readonly PurchaseOrderLine[], receipts: readonly ReceiptIn[]) {
  const errors: FieldError[] = [];
  const next = lines.map((l) => ({ ...l }));
  receipts.forEach((receipt, i) => {
    const at = (f: string) => `lines[${i}].${f}`;
    const index = next.findIndex((l) => l.id === receipt.line_id);
    if (index < 0) {
      errors.push({ field: at('line_id'), message: `is not a line of this purchase order` });
      return;
    }
    const line = next[index];
    const quantity = new Decimal(String(receipt.quantity));
    if (!quantity.gt(0)) {
      errors.push({ field: at('quantity'), message: 'must be greater than 0' });
      return;
    }
    const outstanding = new Decimal(line.quantity).minus(line.received_quantity);
    if (quantity.gt(outstanding)) {
      errors.push({
        field: at('quantity'),
        message:
          `${lineLabel(line, index)}: receiving ${quantity} would exceed the ${line.quantity} ordered ` +
          `(${line.received_quantity} already received, ${outstanding} outstanding)`,
      });
      return;
    }
    line.received_quantity = quantity.plus(line.received_quantity).toString();
  });
  if (errors.length) throw unprocessable(errors);
  const complete = next.every((l) => new Decimal(l.received_quantity).gte(l.quantity));
  return { lines: next, complete };
}

export async function receiveGoods(
  tx: Db,
  req: FastifyRequest,
  id: string,
  receipts: ReceiptIn[],
  expected: number | undefined,
): Promise<Row> {
  const current = await findVisible(tx, purchaseOrderRef, id, undefined, true);
  const receive = purchaseOrderMachine.actions.find((a) => a.name === 'receive')!;
  if (!receive.from.includes(String(current.status))) {
    throw invalidTransition(
      'purchase_order',
      String(current.status),
      'receive',
      allowedActions(purchaseOrderMachine, current, req.user),
    );
  }
  const { lines, complete } = applyReceipts(current.lines as PurchaseOrderLine[], receipts);
  const { after } = await updateEntity(
    tx,
    purchaseOrderRef,
    req.audit,
    id,
    {
      lines,
      status: complete ? 'received' : 'partially_received',
      ...(complete ? { received_at: new Date() } : {}),
    },
    { expected, action: 'receive' },
  );
  await tx.insert(purchaseOrderReceipts).values(
    receipts.map((r) => ({
      purchase_order_id: id,
      line_id: r.line_id,
      quantity: new Decimal(String(r.quantity)).toString(),
      note: r.note?.trim() || null,
      received_by: req.user.id,
    })),
  );
  return after;
}

export async function listReceipts(db: Db, purchaseOrderId: string) {
  const rows = await db
    .select({
      id: purchaseOrderReceipts.id,
      purchase_order_id: purchaseOrderReceipts.purchase_order_id,
      line_id: purchaseOrderReceipts.line_id,
      quantity: purchaseOrderReceipts.quantity,
      note: purchaseOrderReceipts.note,
      received_by: purchaseOrderReceipts.received_by,
      created_at: purchaseOrderReceipts.created_at,
    })
    .from(purchaseOrderReceipts)
    .where(eq(purchaseOrderReceipts.purchase_order_id, purchaseOrderId))
    .orderBy(asc(purchaseOrderReceipts.created_at), asc(purchaseOrderReceipts.id));
  const userIds = [...new Set(rows.map((r) => r.received_by).filter((v): v is string => !!v))];
  const names = new Map(
    userIds.length
      ? (
          await db
            .select({
              id: users.id,
              name: sql<string>`coalesce(nullif(${users.full_name}, ''), ${users.email})`,
            })
            .from(users)
            .where(inArray(users.id, userIds))
        ).map((u) => [u.id, u.name])
      : [],
  );
  return rows.map((r) => ({
    ...r,
    quantity: new Decimal(r.quantity).toString(),
    received_by_name: r.received_by ? (names.get(r.received_by) ?? null) : null,
  }));
}
