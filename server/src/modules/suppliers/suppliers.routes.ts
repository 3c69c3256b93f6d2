import { suppliers } from '../../db/schema/index.ts';
import { invalidField } from '../../lib/errors.ts';
import { registerResource } from '../../lib/resource.ts';
import { MANAGERS, STAFF } from '../../plugins/app/auth.ts';
import type { App } from '../../types.ts';
import {
  SUPPLIER_CSV_COLUMNS,
  SupplierCreate,
  SupplierPublic,
  SupplierUpdate,
  supplierListSpec,
} from './suppliers.schemas.ts';
import { supplierMachine } from './suppliers.service.ts';

/** A name of spaces is no name. */
function trimmed(body: Record<string, unknown>) {
  if (typeof body.name !== 'string') return body;
  const name = body.name.trim();
  if (!name) throw invalidField('name', 'must not be blank');
  return { ...body, name };
}

/** /suppliers: the lab's evaluated suppliers (ISO/IEC 17025 §6.6). Staff read, managers write and decide. */
export default async function suppliersRoutes(app: App) {
  registerResource(app, {
    name: 'supplier',
    path: 'suppliers',
    tag: 'suppliers',
    table: suppliers,
    schemas: { public: SupplierPublic, create: SupplierCreate, update: SupplierUpdate },
    list: supplierListSpec,
    csvColumns: SUPPLIER_CSV_COLUMNS,
    roles: { read: STAFF, write: MANAGERS },
    toInsert: (_tx, body) => ({ ...trimmed(body), approval_status: 'pending' }),
    toPatch: (_tx, patch) => trimmed(patch),
    machine: supplierMachine,
  });
}
