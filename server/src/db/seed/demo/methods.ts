import { inArray, sql } from 'drizzle-orm';
import { insertEntity } from '../../../lib/crud.ts';
import { validatorCompiler } from '../../../lib/validation.ts';
import { methodRef } from '../../../modules/methods/methods.repo.ts';
import { checkMethodFields } from '../../../modules/methods/methods.rules.ts';
import { MethodCreate } from '../../../modules/methods/methods.schemas.ts';
import { methods, users } from '../../schema/index.ts';
import type { DemoStep } from './step.ts';

/**
 * The test catalogue of a textile and consumer-product lab: colour fastness, strength, chemistry,
 * dimensional stability, fibre content, nickel release and child safety. Grey-scale grades are
 * numeric (half grades as .5), so limits like "≥ 4" can be judged.
 */
const grade = (name: string) => ({ name, unit: 'grade', decimals: 1 });
const mgkg = (name: string) => ({ name, unit: 'mg/kg', decimals: 1 });

export const DEMO_METHODS = [
  {
    code: 'ISO-105-C06',
    title: 'Colour fastness to domestic and commercial laundering',
    standard_reference: 'ISO 105-C06:2010',
    method_version: 'A2S (40 °C)',
    description: 'Washed with steel balls in a Launder-Ometer; assessed against the grey scales 1–5.',
    parameters: [
      grade('Colour change'),
      grade('Staining on acetate'),
      grade('Staining on cotton'),
      grade('Staining on polyamide'),
      grade('Staining on polyester'),
      grade('Staining on acrylic'),
      grade('Staining on wool'),
    ],
    default_price: '65.00',
    tat_days: 5,
    accredited: true,
  },
  {
    code: 'ISO-105-X12',
    title: 'Colour fastness to rubbing',
    standard_reference: 'ISO 105-X12:2016',
    parameters: [grade('Dry rubbing'), grade('Wet rubbing')],
    default_price: '40.00',
    tat_days: 3,
    accredited: true,
  },
  {
    code: 'AATCC-8',
    title: 'Colorfastness to crocking: crockmeter method',
    standard_reference: 'AATCC TM8-2016e',
    description: 'US buyers ask for AATCC 8; same grey-scale reading as ISO 105-X12.',
    parameters: [grade('Dry crocking'), grade('Wet crocking')],
    default_price: '45.00',
    tat_days: 3,
    accredited: false,
  },
  {
    code: 'ISO-105-B02',
    title: 'Colour fastness to artificial light: xenon arc fading lamp',
    standard_reference: 'ISO 105-B02:2014',
    method_version: 'Method 3',
    parameters: [{ name: 'Blue wool rating', unit: 'grade', decimals: 0 }],
    default_price: '110.00',
    tat_days: 10,
    accredited: true,
  },
  {
    code: 'ISO-13934-1',
    title: 'Tensile properties of fabrics: maximum force by the strip method',
    standard_reference: 'ISO 13934-1:2013',
    parameters: [
      { name: 'Maximum force, warp', unit: 'N', decimals: 0 },
      { name: 'Maximum force, weft', unit: 'N', decimals: 0 },
      { name: 'Elongation, warp', unit: '%', decimals: 1 },
      { name: 'Elongation, weft', unit: '%', decimals: 1 },
    ],
    default_price: '85.00',
    tat_days: 5,
    accredited: true,
  },
  {
    code: 'ISO-3071',
    title: 'Determination of pH of the aqueous extract',
    standard_reference: 'ISO 3071:2020',
    parameters: [{ name: 'pH', unit: null, decimals: 1 }],
    default_price: '45.00',
    tat_days: 3,
    accredited: true,
  },
  {
    code: 'ISO-14184-1',
    title: 'Formaldehyde, free and hydrolysed (water extraction)',
    standard_reference: 'ISO 14184-1:2011',
    parameters: [{ name: 'Formaldehyde', unit: 'mg/kg', decimals: 0 }],
    default_price: '95.00',
    tat_days: 5,
    accredited: true,
  },
  {
    code: 'EN-14362-1',
    title: 'Aromatic amines derived from azo colourants (without extraction)',
    standard_reference: 'EN ISO 14362-1:2017',
    description: 'GC-MS after reductive cleavage; reports the 22 REACH amines, the highest single one here.',
    parameters: [
      mgkg('Benzidine'),
      mgkg('4-Aminobiphenyl'),
      mgkg('o-Toluidine'),
      mgkg('4-Chloro-o-toluidine'),
      mgkg('Highest single amine'),
    ],
    default_price: '180.00',
    tat_days: 7,
    accredited: true,
  },
  {
    code: 'ISO-6330',
    title: 'Dimensional change after domestic washing and drying',
    standard_reference: 'ISO 6330:2021 / ISO 5077:2007',
    method_version: '4N, tumble dry',
    parameters: [
      { name: 'Length change', unit: '%', decimals: 1 },
      { name: 'Width change', unit: '%', decimals: 1 },
      { name: 'Appearance after washing', unit: null, decimals: null, kind: 'text' as const },
    ],
    default_price: '70.00',
    tat_days: 5,
    accredited: true,
  },
  {
    code: 'ISO-12945-2',
    title: 'Surface pilling: modified Martindale method',
    standard_reference: 'ISO 12945-2:2020',
    parameters: [grade('Pilling after 2000 rubs'), grade('Pilling after 5000 rubs')],
    default_price: '75.00',
    tat_days: 5,
    accredited: true,
  },
  {
    code: 'ISO-1833',
    title: 'Quantitative chemical analysis of fibre mixtures',
    standard_reference: 'ISO 1833-11:2017',
    parameters: [
      { name: 'Cotton', unit: '%', decimals: 1 },
      { name: 'Polyester', unit: '%', decimals: 1 },
      { name: 'Elastane', unit: '%', decimals: 1 },
    ],
    default_price: '120.00',
    tat_days: 7,
    accredited: true,
  },
  {
    code: 'EN-1811',
    title: 'Nickel release from products in prolonged contact with the skin',
    standard_reference: 'EN 1811:2011+A1:2015',
    description: 'Buttons, rivets, zips and jewellery; one week in artificial sweat.',
    parameters: [{ name: 'Nickel release', unit: 'µg/cm²/week', decimals: 2 }],
    default_price: '150.00',
    tat_days: 8,
    accredited: true,
  },
  {
    code: 'EN-14682',
    title: "Cords and drawstrings on children's clothing",
    standard_reference: 'EN 14682:2014',
    parameters: [
      { name: 'Hood and neck drawstrings', unit: null, decimals: null, kind: 'text' as const },
      { name: 'Toggles and knots on cord ends', unit: null, decimals: null, kind: 'text' as const },
      { name: 'Waist cord protrusion', unit: 'mm', decimals: 0 },
    ],
    default_price: '60.00',
    tat_days: 3,
    accredited: false,
  },
  {
    code: 'ASTM-D3886',
    title: 'Abrasion resistance: inflated diaphragm apparatus',
    standard_reference: 'ASTM D3886-99(2020)',
    description: 'Withdrawn from the offer when the apparatus was retired; kept for earlier results.',
    parameters: [{ name: 'Cycles to failure', unit: 'cycles', decimals: 0 }],
    default_price: '90.00',
    tat_days: 6,
    accredited: false,
    is_active: false,
  },
];

const validCreate = validatorCompiler({ schema: MethodCreate, httpPart: 'body', method: 'POST', url: '' });
/** The demo engineer and manager are authorised for every method (users step, before this one). */
const PERFORMERS = ['engineer@demo.labline.local', 'manager@demo.labline.local'];

/** Through the same validation, rules and audited insert as POST /methods; a taken code is left as it is. */
export const methodsStep: DemoStep = {
  name: 'methods',
  async load({ tx, audit }) {
    const performers = await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(sql`lower(${users.email})`, PERFORMERS));
    let created = 0;
    for (const method of DEMO_METHODS) {
      const body: Record<string, unknown> = structuredClone({
        currency: 'USD',
        authorised_engineer_ids: performers.map((p) => p.id),
        ...method,
      });
      if (!validCreate(body)) throw new Error(`demo method ${method.code} fails MethodCreate`);
      const [taken] = await tx
        .select({ id: methods.id })
        .from(methods)
        .where(sql`lower(${methods.code}) = lower(${method.code})`);
      if (taken) continue;
      const values = await checkMethodFields(tx, body, { currency: 'USD' });
      await insertEntity(tx, methodRef, audit, values);
      created++;
    }
    return created;
  },
};
