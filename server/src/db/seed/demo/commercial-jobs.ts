/**
 * The demo's commercial year, as data: what each customer asked for, when, and how it ended.
 * Loaded by commercial.ts.
 */
export type Outcome =
  | { kind: 'won'; project: 'planned' | 'active' | 'on_hold' | 'completed' | 'cancelled'; revisions?: number }
  | { kind: 'quoted'; revisions?: number }
  | { kind: 'lost'; reason: string; revisions?: number }
  | { kind: 'expired'; reason: string }
  | { kind: 'cancelled'; reason: string }
  | { kind: 'under_review' }
  | { kind: 'received' };

export interface Job {
  customer: string;
  title: string;
  product: string;
  methods: string[];
  items: number;
  daysAgo: number;
  outcome: Outcome;
}

const NORDIC = 'quality@nordicthreads.example';
const SUNRISE = 'lab@sunrisehome.example';
const ATLAS = 'testing@atlasoutdoor.example';
const SPROUT = 'compliance@littlesprout.example';
const MERIDIAN = 'qa@meridianfootwear.example';
const KAVERI = 'export.qc@kavericotton.example';
const BRIGHTNEST = 'regulatory@brightnest.example';
const PACIFIC = 'orders@pacificdenim.example';

const FASTNESS = ['ISO-105-C06', 'ISO-105-X12'];
const CHEMISTRY = ['ISO-3071', 'ISO-14184-1', 'EN-14362-1'];

export const JOBS: Job[] = [
  {
    customer: PACIFIC,
    title: 'Raw denim crocking and shrinkage',
    product: '14 oz selvedge denim, indigo',
    methods: ['AATCC-8', 'ISO-6330'],
    items: 3,
    daysAgo: 350,
    outcome: { kind: 'won', project: 'completed' },
  },
  {
    customer: NORDIC,
    title: 'AW25 knitwear colour fastness',
    product: 'Merino/cotton knit, 5 colourways',
    methods: [...FASTNESS, 'ISO-12945-2'],
    items: 5,
    daysAgo: 330,
    outcome: { kind: 'won', project: 'completed' },
  },
  {
    customer: KAVERI,
    title: 'Export lot fibre content and strength',
    product: 'Combed cotton poplin, 120 gsm',
    methods: ['ISO-1833', 'ISO-13934-1'],
    items: 4,
    daysAgo: 315,
    outcome: { kind: 'won', project: 'completed', revisions: 2 },
  },
  {
    customer: SPROUT,
    title: 'Plush toy range EN 71 pre-check',
    product: 'Polyester plush toys with embroidered eyes',
    methods: ['ISO-3071', 'ISO-14184-1'],
    items: 6,
    daysAgo: 300,
    outcome: { kind: 'lost', reason: 'Customer chose a lab closer to the factory', revisions: 2 },
  },
  {
    customer: ATLAS,
    title: 'Shell fabric tensile and light fastness',
    product: '2-layer nylon ripstop, PU coated',
    methods: ['ISO-13934-1', 'ISO-105-B02'],
    items: 3,
    daysAgo: 280,
    outcome: { kind: 'won', project: 'completed' },
  },
  {
    customer: SUNRISE,
    title: 'Towel range dimensional stability',
    product: 'Terry towels, 500 gsm, 4 sizes',
    methods: ['ISO-6330', 'ISO-105-C06'],
    items: 4,
    daysAgo: 265,
    outcome: { kind: 'won', project: 'completed' },
  },
  {
    customer: MERIDIAN,
    title: 'Buckles and eyelets nickel release',
    product: 'Brass-plated buckles and eyelets',
    methods: ['EN-1811'],
    items: 8,
    daysAgo: 250,
    outcome: { kind: 'won', project: 'cancelled' },
  },
  {
    customer: BRIGHTNEST,
    title: 'Kitchen textiles chemistry screen',
    product: 'Printed cotton tea towels and aprons',
    methods: CHEMISTRY,
    items: 3,
    daysAgo: 235,
    outcome: { kind: 'expired', reason: 'No reply before the quote expired' },
  },
  {
    customer: NORDIC,
    title: 'SS26 jersey REACH screening',
    product: 'Cotton/elastane jersey, reactive dyed',
    methods: CHEMISTRY,
    items: 6,
    daysAgo: 220,
    outcome: { kind: 'won', project: 'completed', revisions: 2 },
  },
  {
    customer: KAVERI,
    title: 'Yarn lot pH and formaldehyde',
    product: 'Ring-spun cotton yarn, Ne 30',
    methods: ['ISO-3071', 'ISO-14184-1'],
    items: 2,
    daysAgo: 205,
    outcome: { kind: 'cancelled', reason: 'Order moved to next season' },
  },
  {
    customer: SPROUT,
    title: 'Baby bodysuit drawstring and fastness check',
    product: 'Organic cotton bodysuits, snap closures',
    methods: ['EN-14682', ...FASTNESS],
    items: 4,
    daysAgo: 190,
    outcome: { kind: 'won', project: 'completed' },
  },
  {
    customer: ATLAS,
    title: 'Tent fly pilling and rubbing',
    product: 'Silicone-coated polyester fly sheet',
    methods: ['ISO-12945-2', 'ISO-105-X12'],
    items: 2,
    daysAgo: 170,
    outcome: { kind: 'lost', reason: 'Price above budget' },
  },
  {
    customer: MERIDIAN,
    title: 'Lining textile fastness',
    product: 'Polyester mesh lining for sneakers',
    methods: FASTNESS,
    items: 3,
    daysAgo: 150,
    outcome: { kind: 'won', project: 'completed' },
  },
  {
    customer: SUNRISE,
    title: 'Bed linen shrinkage and pilling',
    product: 'Cotton percale sheets, 200 TC',
    methods: ['ISO-6330', 'ISO-12945-2'],
    items: 5,
    daysAgo: 130,
    outcome: { kind: 'won', project: 'on_hold' },
  },
  {
    customer: BRIGHTNEST,
    title: 'Oven glove azo amine test',
    product: 'Quilted oven gloves, printed',
    methods: ['EN-14362-1'],
    items: 2,
    daysAgo: 115,
    outcome: { kind: 'won', project: 'active', revisions: 3 },
  },
  {
    customer: NORDIC,
    title: 'Outerwear trims nickel release',
    product: 'Zip pullers and snaps for parkas',
    methods: ['EN-1811'],
    items: 6,
    daysAgo: 95,
    outcome: { kind: 'won', project: 'active' },
  },
  {
    customer: KAVERI,
    title: 'Denim blend fibre analysis',
    product: 'Cotton/polyester/elastane denim',
    methods: ['ISO-1833', 'ISO-13934-1'],
    items: 3,
    daysAgo: 80,
    outcome: { kind: 'won', project: 'active' },
  },
  {
    customer: ATLAS,
    title: 'Softshell light fastness',
    product: 'Bonded softshell, 3 colours',
    methods: ['ISO-105-B02'],
    items: 3,
    daysAgo: 65,
    outcome: { kind: 'won', project: 'active' },
  },
  {
    customer: SPROUT,
    title: 'Wooden toy paint chemistry',
    product: 'Painted beech toys, water-based lacquer',
    methods: ['ISO-3071'],
    items: 4,
    daysAgo: 50,
    outcome: { kind: 'cancelled', reason: 'Product line discontinued' },
  },
  {
    customer: MERIDIAN,
    title: 'Sole textile tensile strength',
    product: 'Textile-backed EVA insoles',
    methods: ['ISO-13934-1'],
    items: 4,
    daysAgo: 40,
    outcome: { kind: 'won', project: 'planned' },
  },
  {
    customer: SUNRISE,
    title: 'Bath mat colour fastness',
    product: 'Tufted cotton bath mats, 6 colours',
    methods: FASTNESS,
    items: 6,
    daysAgo: 30,
    outcome: { kind: 'won', project: 'planned', revisions: 2 },
  },
  {
    customer: NORDIC,
    title: 'AW26 knit pilling programme',
    product: 'Wool/nylon knits, 4 qualities',
    methods: ['ISO-12945-2', 'ISO-105-C06'],
    items: 4,
    daysAgo: 21,
    outcome: { kind: 'quoted' },
  },
  {
    customer: BRIGHTNEST,
    title: 'Napkins formaldehyde screen',
    product: 'Easy-care polyester/cotton napkins',
    methods: ['ISO-14184-1'],
    items: 3,
    daysAgo: 18,
    outcome: { kind: 'quoted', revisions: 2 },
  },
  {
    customer: ATLAS,
    title: 'Rain jacket seam and fabric strength',
    product: '3-layer laminate jackets',
    methods: ['ISO-13934-1', 'ISO-6330'],
    items: 5,
    daysAgo: 14,
    outcome: { kind: 'quoted' },
  },
  {
    customer: KAVERI,
    title: 'Organic cotton certification support',
    product: 'GOTS organic cotton twill',
    methods: ['ISO-1833', ...CHEMISTRY],
    items: 2,
    daysAgo: 10,
    outcome: { kind: 'under_review' },
  },
  {
    customer: NORDIC,
    title: 'Children’s hoodie cords and fastness',
    product: 'Cotton fleece hoodies, sizes 98–140',
    methods: ['EN-14682', 'ISO-105-C06'],
    items: 5,
    daysAgo: 7,
    outcome: { kind: 'under_review' },
  },
  {
    customer: SPROUT,
    title: 'Teething blanket chemistry',
    product: 'Muslin teething blankets',
    methods: ['ISO-3071', 'ISO-14184-1'],
    items: 3,
    daysAgo: 4,
    outcome: { kind: 'received' },
  },
  {
    customer: MERIDIAN,
    title: 'Leather upper rubbing fastness',
    product: 'Nubuck uppers, 3 colours',
    methods: ['ISO-105-X12'],
    items: 3,
    daysAgo: 2,
    outcome: { kind: 'received' },
  },
];
