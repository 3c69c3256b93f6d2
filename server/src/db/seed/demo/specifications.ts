import { sql } from 'drizzle-orm';
import { insertEntity } from '../../../lib/crud.ts';
import { validatorCompiler } from '../../../lib/validation.ts';
import { SpecificationCreate } from '../../../modules/specifications/specifications.schemas.ts';
import {
  prepareCreate,
  reviseSpecification,
  specificationRef,
} from '../../../modules/specifications/specifications.service.ts';
import { methods, type SpecLimit, specifications } from '../../schema/index.ts';
import type { DemoStep } from './step.ts';

/**
 * Limit sets the demo lab judges against: a label standard, two regulations, a buyer protocol (in
 * its second revision) and a child-safety standard with text limits. Limits name a catalogue
 * method by code (`method`), resolved to its id when loaded; units come from the method.
 */
type DemoLimit = Omit<SpecLimit, 'method_id'> & { method?: string };
interface DemoSpec {
  code: string;
  name: string;
  description?: string;
  source?: string;
  limits: DemoLimit[];
  /** Earlier revisions' limits, oldest first: loaded first, then revised to `limits`. */
  earlier?: DemoLimit[][];
}

const fastness = (method: string, parameter: string, min: string, warn_min?: string): DemoLimit => ({
  method,
  parameter,
  min,
  warn_min,
});
const amine = (parameter: string, max: string, warn_max: string): DemoLimit => ({
  method: 'EN-14362-1',
  parameter,
  max,
  warn_max,
});

const nordicV1: DemoLimit[] = [
  fastness('ISO-105-C06', 'Colour change', '4', '4.5'),
  fastness('ISO-105-C06', 'Staining on cotton', '3.5', '4'),
  fastness('ISO-105-C06', 'Staining on wool', '3.5', '4'),
  fastness('ISO-105-X12', 'Dry rubbing', '4'),
  fastness('ISO-105-X12', 'Wet rubbing', '3', '3.5'),
  { method: 'ISO-6330', parameter: 'Length change', min: '-3', max: '3', warn_min: '-2', warn_max: '2' },
  { method: 'ISO-6330', parameter: 'Width change', min: '-3', max: '3', warn_min: '-2', warn_max: '2' },
  { method: 'ISO-6330', parameter: 'Appearance after washing', expected_text: 'no change' },
  fastness('ISO-12945-2', 'Pilling after 2000 rubs', '3', '3.5'),
  { method: 'ISO-13934-1', parameter: 'Maximum force, warp', min: '250', warn_min: '300' },
  { method: 'ISO-13934-1', parameter: 'Maximum force, weft', min: '200', warn_min: '250' },
  { method: 'ISO-3071', parameter: 'pH', min: '4.5', max: '7.5', warn_min: '5.0', warn_max: '7.0' },
];

export const DEMO_SPECIFICATIONS: DemoSpec[] = [
  {
    code: 'OEKO-TEX-100-II',
    name: 'OEKO-TEX Standard 100 Class II (excerpt)',
    description: 'Articles with direct skin contact. Excerpt of the limit values the lab screens most.',
    source: 'OEKO-TEX® Standard 100, edition 01.2024, Appendix 4',
    limits: [
      { method: 'ISO-3071', parameter: 'pH', min: '4.0', max: '7.5', warn_min: '4.3', warn_max: '7.2' },
      { method: 'ISO-14184-1', parameter: 'Formaldehyde', max: '75', warn_max: '60' },
      amine('Highest single amine', '20', '15'),
      { method: 'EN-1811', parameter: 'Nickel release', max: '0.5', warn_max: '0.35' },
      fastness('ISO-105-C06', 'Staining on cotton', '3', '3.5'),
      fastness('ISO-105-X12', 'Dry rubbing', '4'),
      fastness('ISO-105-X12', 'Wet rubbing', '2.5', '3'),
    ],
  },
  {
    code: 'REACH-XVII-43',
    name: 'REACH Annex XVII entry 43: azo colourants',
    description: 'Azo dyes that may release any of the listed aromatic amines above 30 mg/kg are restricted.',
    source: 'Regulation (EC) No 1907/2006, Annex XVII, entry 43 and appendix 8',
    limits: [
      amine('Benzidine', '30', '20'),
      amine('4-Aminobiphenyl', '30', '20'),
      amine('o-Toluidine', '30', '20'),
      amine('4-Chloro-o-toluidine', '30', '20'),
      amine('Highest single amine', '30', '20'),
    ],
  },
  {
    code: 'REACH-XVII-27',
    name: 'REACH Annex XVII entry 27: nickel release',
    description: 'Parts in direct and prolonged contact with the skin (rivets, buttons, zips).',
    source: 'Regulation (EC) No 1907/2006, Annex XVII, entry 27',
    limits: [{ method: 'EN-1811', parameter: 'Nickel release', max: '0.5', warn_max: '0.28' }],
  },
  {
    code: 'NT-APPAREL',
    name: 'Buyer protocol: Nordic Threads apparel',
    description: 'Knits and wovens for the adult range. Revision 2 tightened pilling after field returns.',
    source: 'Nordic Threads Quality Manual, section 7',
    earlier: [nordicV1],
    limits: nordicV1.map((l) =>
      l.parameter === 'Pilling after 2000 rubs' ? { ...l, min: '3.5', warn_min: '4' } : l,
    ),
  },
  {
    code: 'EN-14682',
    name: 'EN 14682 child safety: cords and drawstrings',
    description: 'Children up to 7 years: no drawstrings in the hood and neck area.',
    source: 'EN 14682:2014',
    limits: [
      { method: 'EN-14682', parameter: 'Hood and neck drawstrings', expected_text: 'absent' },
      { method: 'EN-14682', parameter: 'Toggles and knots on cord ends', expected_text: 'none' },
      { method: 'EN-14682', parameter: 'Waist cord protrusion', max: '140', warn_max: '120' },
    ],
  },
];

const validCreate = validatorCompiler({
  schema: SpecificationCreate,
  httpPart: 'body',
  method: 'POST',
  url: '',
});

/**
 * Through the same validation and rules as POST /specifications and /revise (each with its audit
 * event); a code already present is left as it is. Needs the methods step before it.
 */
export const specificationsStep: DemoStep = {
  name: 'specifications',
  async load({ tx, audit }) {
    const catalogue = await tx.select({ id: methods.id, code: methods.code }).from(methods);
    const idOf = new Map(catalogue.map((m) => [m.code, m.id]));
    const resolve = (limits: DemoLimit[]): SpecLimit[] =>
      limits.map(({ method, ...limit }) => ({
        ...limit,
        method_id: method ? (idOf.get(method) ?? null) : null,
      }));
    let created = 0;
    for (const spec of DEMO_SPECIFICATIONS) {
      const [taken] = await tx
        .select({ id: specifications.id })
        .from(specifications)
        .where(sql`lower(${specifications.code}) = lower(${spec.code})`)
        .limit(1);
      if (taken) continue;
      const [first, ...later] = [...(spec.earlier ?? []), spec.limits];
      const body: Record<string, unknown> = {
        code: spec.code,
        name: spec.name,
        description: spec.description,
        source: spec.source,
        limits: resolve(first),
      };
      if (!validCreate(body)) throw new Error(`demo specification ${spec.code} fails SpecificationCreate`);
      let row = await insertEntity(tx, specificationRef, audit, await prepareCreate(tx, body));
      for (const limits of later) {
        row = await reviseSpecification(tx, audit, row.id, { limits: resolve(limits) }, undefined);
      }
      created += 1 + later.length;
    }
    return created;
  },
};
