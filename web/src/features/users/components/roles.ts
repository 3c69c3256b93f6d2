import type { Role } from '../../../api/types';

export const ROLE_OPTIONS: { value: Role; label: string; description: string }[] = [
  { value: 'admin', label: 'Administrator', description: 'Everything, including users and settings' },
  { value: 'manager', label: 'Manager', description: 'All lab, quality and operations records; approvals' },
  { value: 'engineer', label: 'Engineer', description: 'Samples, executions, results, own tasks' },
  { value: 'auditor', label: 'Auditor', description: 'Reads everything including the audit log' },
  { value: 'viewer', label: 'Viewer', description: 'Reads lab records' },
  { value: 'customer', label: 'Customer', description: 'Portal access for one customer' },
];
