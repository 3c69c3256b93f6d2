import {
  type Icon,
  IconAlertOctagon,
  IconBriefcase,
  IconBuilding,
  IconBuildingStore,
  IconBuildingWarehouse,
  IconCertificate,
  IconChecklist,
  IconClipboardCheck,
  IconClipboardList,
  IconFileDescription,
  IconFileDollar,
  IconFiles,
  IconFileText,
  IconFlask,
  IconGauge,
  IconInbox,
  IconLayoutKanban,
  IconListCheck,
  IconMessageQuestion,
  IconPackage,
  IconPackages,
  IconReportAnalytics,
  IconRuler2,
  IconRulerMeasure,
  IconSend,
  IconShieldCheck,
  IconShoppingCart,
  IconTestPipe,
  IconTruck,
  IconUsers,
} from '@tabler/icons-react';
import type { Role } from '../api/types';

export interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  /** Exactly the roles that see this entry (the portal is for customers only, even for admins). */
  roles: readonly Role[];
  /** Entries with the same group are shown together under its heading (e.g. "Catalogue"). */
  group?: string;
}

const STAFF: Role[] = ['admin', 'manager', 'engineer', 'auditor', 'viewer'];

export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Dashboard', icon: IconGauge, roles: STAFF },
  { to: '/customers', label: 'Customers', icon: IconBuilding, roles: STAFF },
  { to: '/rfqs', label: 'RFQs', icon: IconInbox, roles: STAFF, group: 'Sales' },
  { to: '/quotes', label: 'Quotes', icon: IconFileDollar, roles: STAFF, group: 'Sales' },
  { to: '/sales-orders', label: 'Sales orders', icon: IconShoppingCart, roles: STAFF, group: 'Sales' },
  { to: '/methods', label: 'Methods', icon: IconTestPipe, roles: STAFF, group: 'Catalogue' },
  { to: '/specifications', label: 'Specifications', icon: IconRuler2, roles: STAFF, group: 'Catalogue' },
  { to: '/projects', label: 'Projects', icon: IconBriefcase, roles: STAFF, group: 'Lab' },
  { to: '/trfs', label: 'TRFs', icon: IconFileDescription, roles: STAFF, group: 'Lab' },
  { to: '/samples', label: 'Samples', icon: IconPackages, roles: STAFF, group: 'Lab' },
  { to: '/bench', label: 'My bench', icon: IconFlask, roles: ['admin', 'manager', 'engineer'], group: 'Lab' },
  { to: '/test-plans', label: 'Test plans', icon: IconListCheck, roles: STAFF, group: 'Lab' },
  { to: '/test-results', label: 'Results', icon: IconChecklist, roles: STAFF, group: 'Lab' },
  { to: '/reports', label: 'Reports', icon: IconReportAnalytics, roles: STAFF, group: 'Lab' },
  { to: '/certifications', label: 'Certificates', icon: IconCertificate, roles: STAFF, group: 'Quality' },
  { to: '/documents', label: 'Documents', icon: IconFiles, roles: STAFF, group: 'Quality' },
  { to: '/tasks', label: 'Tasks', icon: IconLayoutKanban, roles: STAFF, group: 'Operations' },
  { to: '/work-orders', label: 'Work orders', icon: IconClipboardList, roles: STAFF, group: 'Operations' },
  { to: '/purchase-orders', label: 'Purchase orders', icon: IconTruck, roles: STAFF, group: 'Operations' },
  { to: '/suppliers', label: 'Suppliers', icon: IconBuildingWarehouse, roles: STAFF, group: 'Operations' },
  { to: '/equipment', label: 'Equipment', icon: IconRulerMeasure, roles: STAFF, group: 'Quality' },
  { to: '/ncrs', label: 'NCRs', icon: IconAlertOctagon, roles: STAFF, group: 'Quality' },
  { to: '/audits', label: 'Audits', icon: IconClipboardCheck, roles: STAFF, group: 'Quality' },
  { to: '/users', label: 'Users', icon: IconUsers, roles: ['admin', 'manager'] },
  { to: '/audit-log', label: 'Audit log', icon: IconShieldCheck, roles: ['admin', 'auditor'] },
  { to: '/portal', label: 'My company', icon: IconBuildingStore, roles: ['customer'] },
  { to: '/analytics', label: 'My figures', icon: IconGauge, roles: ['customer'] },
  { to: '/portal/requests', label: 'My requests', icon: IconMessageQuestion, roles: ['customer'] },
  { to: '/portal/projects', label: 'My projects', icon: IconBriefcase, roles: ['customer'] },
  { to: '/portal/test-requests/new', label: 'Submit a test request', icon: IconSend, roles: ['customer'] },
  { to: '/portal/test-requests', label: 'My test requests', icon: IconFileText, roles: ['customer'] },
  { to: '/portal/samples', label: 'My samples', icon: IconPackage, roles: ['customer'] },
  { to: '/test-results', label: 'My results', icon: IconChecklist, roles: ['customer'] },
  { to: '/reports', label: 'My reports', icon: IconReportAnalytics, roles: ['customer'] },
  { to: '/certifications', label: 'My certificates', icon: IconCertificate, roles: ['customer'] },
];

export const navFor = (role: Role) => NAV_ITEMS.filter((item) => item.roles.includes(role));

export interface NavSection {
  group?: string;
  items: NavItem[];
}

/** Items in order, each group gathered where its first entry stands; ungrouped entries stand alone. */
export function navSections(items: NavItem[]): NavSection[] {
  const sections: NavSection[] = [];
  for (const item of items) {
    const section = item.group ? sections.find((s) => s.group === item.group) : undefined;
    if (section) section.items.push(item);
    else sections.push({ group: item.group, items: [item] });
  }
  return sections;
}
