import { sql } from 'drizzle-orm';
import { insertEntity } from '../../../lib/crud.ts';
import { validatorCompiler } from '../../../lib/validation.ts';
import { CustomerCreate } from '../../../modules/customers/customers.schemas.ts';
import { customers } from '../../schema/index.ts';
import type { DemoStep } from './step.ts';

/** Textile and consumer-product companies, the customers a testing lab of this kind serves. */
const DEMO_CUSTOMERS = [
  {
    company_name: 'Nordic Threads AB',
    email: 'quality@nordicthreads.example',
    phone: '+46 8 555 014 20',
    address: 'Sveavägen 44, 111 34 Stockholm, Sweden',
    contact_person: 'Ingrid Lindqvist',
    notes: 'Apparel brand. Colour fastness and pilling on every new knit; REACH screening per season.',
    contacts: [
      { name: 'Ingrid Lindqvist', email: 'ingrid.lindqvist@nordicthreads.example', role: 'Head of Quality' },
      {
        name: 'Oskar Berg',
        email: 'oskar.berg@nordicthreads.example',
        phone: '+46 70 555 0182',
        role: 'Buyer',
      },
    ],
  },
  {
    company_name: 'Sunrise Home Textiles Ltd',
    email: 'lab@sunrisehome.example',
    phone: '+44 161 555 0199',
    address: '12 Mill Lane, Manchester M4 5JD, United Kingdom',
    contact_person: 'Priya Shah',
    notes: 'Bed linen and towels: dimensional stability, absorbency, OEKO-TEX pre-checks.',
    contacts: [{ name: 'Priya Shah', email: 'priya.shah@sunrisehome.example', role: 'Technical Manager' }],
  },
  {
    company_name: 'Atlas Outdoor Gear GmbH',
    email: 'testing@atlasoutdoor.example',
    phone: '+49 89 5550 3310',
    address: 'Leopoldstraße 200, 80804 München, Germany',
    contact_person: 'Jonas Weber',
    notes: 'Technical jackets and tents: hydrostatic head, water repellency, seam strength.',
    contacts: [
      { name: 'Jonas Weber', email: 'jonas.weber@atlasoutdoor.example', role: 'Product Compliance' },
      { name: 'Lena Vogel', email: 'lena.vogel@atlasoutdoor.example', role: 'Sourcing' },
    ],
  },
  {
    company_name: 'Little Sprout Toys Co.',
    email: 'compliance@littlesprout.example',
    phone: '+1 503 555 0147',
    address: '820 NW Glisan St, Portland, OR 97209, USA',
    contact_person: 'Hannah Brooks',
    notes: 'Soft toys and baby products: EN 71-1/2/3, ASTM F963, CPSIA lead and phthalates.',
    contacts: [
      { name: 'Hannah Brooks', email: 'hannah.brooks@littlesprout.example', role: 'Safety Officer' },
    ],
  },
  {
    company_name: 'Meridian Footwear S.A.',
    email: 'qa@meridianfootwear.example',
    phone: '+351 22 555 0761',
    address: 'Rua de Santa Catarina 310, 4000-442 Porto, Portugal',
    contact_person: 'Tiago Fernandes',
    notes: 'Leather and textile footwear: sole adhesion, flex resistance, chromium VI.',
    contacts: [
      { name: 'Tiago Fernandes', email: 'tiago.fernandes@meridianfootwear.example', role: 'QA Lead' },
    ],
  },
  {
    company_name: 'Kaveri Cotton Mills Pvt Ltd',
    email: 'export.qc@kavericotton.example',
    phone: '+91 422 555 0123',
    address: 'Avinashi Road, Coimbatore 641018, Tamil Nadu, India',
    contact_person: 'Arun Raghavan',
    notes: 'Yarn and woven fabric mill: fibre composition, tensile and tear strength, GSM.',
    contacts: [
      { name: 'Arun Raghavan', email: 'arun.raghavan@kavericotton.example', role: 'QC Manager' },
      { name: 'Meena Iyer', email: 'meena.iyer@kavericotton.example', role: 'Export Coordinator' },
    ],
  },
  {
    company_name: 'BrightNest Home Products Inc.',
    email: 'regulatory@brightnest.example',
    phone: '+1 416 555 0175',
    address: '155 Wellington St W, Toronto, ON M5V 3H1, Canada',
    contact_person: 'Daniel Okafor',
    notes: 'Kitchenware and cleaning products: food-contact migration, label claims.',
    contacts: [
      { name: 'Daniel Okafor', email: 'daniel.okafor@brightnest.example', role: 'Regulatory Affairs' },
    ],
  },
  {
    company_name: 'Pacific Denim Works',
    email: 'orders@pacificdenim.example',
    phone: '+1 213 555 0110',
    address: '1250 S Santa Fe Ave, Los Angeles, CA 90021, USA',
    contact_person: 'Rosa Martinez',
    is_active: false,
    notes: 'Dormant since the brand moved production; keep for the test history.',
    contacts: [{ name: 'Rosa Martinez', email: 'rosa.martinez@pacificdenim.example', role: 'Owner' }],
  },
];

/** The customer the demo portal user is bound to. */
export const PORTAL_CUSTOMER_EMAIL = DEMO_CUSTOMERS[0].email;

const validCreate = validatorCompiler({ schema: CustomerCreate, httpPart: 'body', method: 'POST', url: '' });

/**
 * Through the same validation and repository call as POST /customers (with its audit event);
 * a company whose email is already taken is left as it is.
 */
export const customersStep: DemoStep = {
  name: 'customers',
  async load({ tx, audit }) {
    let created = 0;
    for (const customer of DEMO_CUSTOMERS) {
      const body = structuredClone(customer);
      if (!validCreate(body)) throw new Error(`demo customer ${customer.company_name} fails CustomerCreate`);
      const [taken] = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(sql`lower(${customers.email}) = lower(${customer.email})`);
      if (taken) continue;
      await insertEntity(tx, { table: customers, name: 'customer' }, audit, body as Record<string, unknown>);
      created++;
    }
    return created;
  },
};
