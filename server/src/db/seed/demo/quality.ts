import { eq, inArray, sql } from 'drizzle-orm';
import { insertEntity } from '../../../lib/crud.ts';
import { nextNumber } from '../../../lib/numbering.ts';
import {
  describeResults,
  impactedResults,
  resultsMeasuredWith,
} from '../../../modules/equipment/equipment.impact.ts';
import {
  auditFindings,
  audits,
  calibrationRecords,
  equipment,
  maintenanceRecords,
  type NcrStep,
  ncrActions,
  ncrs,
  testExecutions,
  users,
} from '../../schema/index.ts';
import { demoSignature } from './signatures.ts';
import type { DemoStep } from './step.ts';

/**
 * Quality records for the demo year: instruments in every calibration state (one quarantined, one
 * out of service) with their calibration and maintenance history; the tensile tester measured the
 * recent tensile executions and failed its last calibration as found, so its drafted NCR lists
 * real results; a completed internal audit whose major finding raised an NCR with an overdue CAPA
 * action; an older NCR closed. Dates relative to the load day.
 */
const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const INSTRUMENTS = [
  {
    asset_number: 'EQ-TT-01',
    name: 'Universal tensile tester',
    manufacturer: 'Instron',
    model: '5965',
    location: 'Lab 1',
    interval: 365,
    lastGood: -353,
    due: 353,
  },
  {
    asset_number: 'EQ-BAL-01',
    name: 'Analytical balance',
    manufacturer: 'Mettler Toledo',
    model: 'XPR205',
    location: 'Lab 2',
    interval: 180,
    lastGood: -160,
    due: 20,
  },
  {
    asset_number: 'EQ-BAL-02',
    name: 'Precision balance',
    manufacturer: 'Sartorius',
    model: 'Quintix 613',
    location: 'Lab 2',
    interval: 180,
    lastGood: -190,
    due: -10,
  },
  {
    asset_number: 'EQ-CC-01',
    name: 'Climate chamber',
    manufacturer: 'Binder',
    model: 'KMF 240',
    location: 'Conditioning room',
    interval: 365,
    lastGood: -200,
    due: 165,
    status: 'quarantined',
    reason: 'Humidity drifts 4 % above set point',
  },
  {
    asset_number: 'EQ-SC-01',
    name: 'Spectrophotometer',
    manufacturer: 'Datacolor',
    model: '850',
    location: 'Colour lab',
    interval: 365,
    lastGood: -100,
    due: 265,
    status: 'out_of_service',
    reason: 'Lamp failed; away for repair',
  },
  {
    asset_number: 'EQ-CUT-01',
    name: 'Strip cutting die 50 mm',
    manufacturer: 'James Heal',
    model: 'SD-50',
    location: 'Lab 1',
    interval: null,
    lastGood: null,
    due: null,
  },
] as const;

export const qualityStep: DemoStep = {
  name: 'quality',
  async load({ tx, audit }) {
    let created = 0;
    const people = await tx
      .select({ id: users.id, email: users.email, name: users.full_name })
      .from(users)
      .where(
        inArray(users.email, [
          'manager@demo.labline.local',
          'engineer@demo.labline.local',
          'auditor@demo.labline.local',
        ]),
      );
    const who = (role: string) => people.find((p) => p.email.startsWith(role));
    const manager = who('manager');
    const engineer = who('engineer');
    const auditor = who('auditor');
    const step = (action: string, from: string, to: string, days: number, by = auditor): NcrStep => ({
      action,
      from,
      to,
      at: at(days),
      by: by?.id ?? '00000000-0000-7000-8000-000000000000',
      by_name: by?.name ?? null,
      note: null,
    });

    const ids: Record<string, string> = {};
    for (const i of INSTRUMENTS) {
      const row = await insertEntity(tx, { table: equipment, name: 'equipment' }, audit, {
        asset_number: i.asset_number,
        name: i.name,
        manufacturer: i.manufacturer,
        model: i.model,
        serial_number: `SN-${i.asset_number.slice(3)}-2021`,
        location: i.location,
        calibration_interval_days: i.interval,
        calibration_due_date: i.due === null ? null : dateIn(i.due),
        status: 'status' in i ? i.status : 'in_service',
        status_reason: 'reason' in i ? i.reason : null,
      });
      ids[i.asset_number] = row.id;
      created++;
      if (i.lastGood !== null) {
        await insertEntity(tx, { table: calibrationRecords, name: 'calibration_record' }, audit, {
          equipment_id: row.id,
          performed_on: dateIn(i.lastGood),
          performed_by_kind: 'provider',
          performed_by: 'Metrology Services Ltd',
          certificate_number: `MS-${i.asset_number.slice(3)}-${Math.abs(i.lastGood)}`,
          as_found: 'pass',
          as_left: 'pass',
          next_due_date: i.asset_number === 'EQ-TT-01' ? dateIn(i.lastGood + 365) : dateIn(i.due ?? 0),
          recorded_by: manager?.id ?? null,
        });
        created++;
      }
      await insertEntity(tx, { table: maintenanceRecords, name: 'maintenance_record' }, audit, {
        equipment_id: row.id,
        performed_on: dateIn(-30),
        kind: 'cleaning',
        description: 'Routine cleaning and visual check',
        performed_by: engineer?.name || 'Lab engineer',
        recorded_by: engineer?.id ?? null,
      });
      created++;
    }

    // the tensile tester measured the recent tensile executions, then failed as found 12 days ago
    const tester = ids['EQ-TT-01'];
    await tx.execute(sql`update test_executions set equipment_ids = array[${tester}]::uuid[]
      where id in (select ${testExecutions.id} from ${testExecutions} where ${testExecutions.created_at} > now() - interval '60 days'
      order by ${testExecutions.created_at} desc limit 12)`);
    const failedOn = dateIn(-12);
    const impacted = await resultsMeasuredWith(tx, tester, dateIn(-353), failedOn, 'UTC');
    const results = await impactedResults(tx, impacted);
    const equipmentNcr = await insertEntity(tx, { table: ncrs, name: 'ncr' }, audit, {
      number: await nextNumber(tx, 'NCR'),
      source: 'equipment',
      source_entity_type: 'equipment',
      source_entity_id: tester,
      title: 'Failed calibration of EQ-TT-01 Universal tensile tester',
      description: `Load cell found 2.1 % high at 500 N (as found: fail; as left: adjusted).\nResults measured with it since its last good calibration (${results.length}):\n${describeResults(results) || '(none)'}`,
      severity: results.length ? 'major' : 'minor',
      owner_id: manager?.id ?? null,
      containment: 'Affected reports put on hold; customers informed where results were issued',
      impacted_result_ids: impacted,
      steps: [step('create', '', 'open', -12, manager), step('investigate', 'open', 'investigating', -11)],
      status: 'investigating',
      whys: [
        {
          why: 'Why was the load cell out of tolerance?',
          answer: 'It was overloaded during a jaw-break test',
        },
      ],
    });
    await insertEntity(tx, { table: calibrationRecords, name: 'calibration_record' }, audit, {
      equipment_id: tester,
      performed_on: failedOn,
      performed_by_kind: 'provider',
      performed_by: 'Metrology Services Ltd',
      certificate_number: 'MS-TT-01-FAIL',
      as_found: 'fail',
      as_left: 'adjusted',
      notes: 'Load cell 2.1 % high at 500 N; adjusted',
      next_due_date: dateIn(353),
      impacted_result_ids: impacted,
      ncr_id: equipmentNcr.id,
      recorded_by: manager?.id ?? null,
    });
    created += 2;

    // a completed internal audit: its major finding raised an NCR whose action is overdue
    const internal = await insertEntity(tx, { table: audits, name: 'audit' }, audit, {
      number: await nextNumber(tx, 'AUD'),
      type: 'internal',
      title: 'Internal audit: reporting of results',
      scope: 'Test reports and certificates issued in the last quarter',
      clauses: ['ISO/IEC 17025 §7.8', 'ISO/IEC 17025 §7.7'],
      planned_start: dateIn(-40),
      planned_end: dateIn(-39),
      actual_start: dateIn(-40),
      actual_end: dateIn(-39),
      lead_auditor_id: auditor?.id ?? null,
      auditor_ids: manager ? [manager.id] : [],
      auditee: 'Reporting office',
      summary: 'One major and one minor finding; reporting otherwise conforms',
      status: 'completed',
    });
    const major = await insertEntity(tx, { table: auditFindings, name: 'audit_finding' }, audit, {
      audit_id: internal.id,
      kind: 'major',
      clause: 'ISO/IEC 17025 §7.8.6',
      description: 'Statements of conformity do not name the decision rule applied',
      evidence: 'Three reports of the last quarter sampled',
      recorded_by: auditor?.id ?? null,
    });
    await insertEntity(tx, { table: auditFindings, name: 'audit_finding' }, audit, {
      audit_id: internal.id,
      kind: 'observation',
      clause: 'ISO/IEC 17025 §7.8.2',
      description: 'Page numbering "x of y" missing on one annex',
      recorded_by: auditor?.id ?? null,
    });
    const findingNcr = await insertEntity(tx, { table: ncrs, name: 'ncr' }, audit, {
      number: await nextNumber(tx, 'NCR'),
      source: 'audit_finding',
      source_entity_type: 'audit_finding',
      source_entity_id: major.id,
      title: `${internal.number} major finding (ISO/IEC 17025 §7.8.6)`,
      description: 'Statements of conformity do not name the decision rule applied',
      severity: 'major',
      owner_id: manager?.id ?? null,
      whys: [
        { why: 'Why is the decision rule missing?', answer: 'The report template has no field for it' },
        { why: 'Why has the template no field?', answer: 'It predates the 2017 revision of the standard' },
      ],
      root_cause: 'Report template not updated for ISO/IEC 17025:2017 §7.8.6',
      steps: [
        step('create', '', 'open', -38),
        step('investigate', 'open', 'investigating', -37),
        step('plan_actions', 'investigating', 'action_pending', -35),
      ],
      status: 'action_pending',
    });
    await tx
      .update(auditFindings)
      .set({ ncr_id: findingNcr.id })
      .where(sql`${auditFindings.id} = ${major.id}`);
    await insertEntity(tx, { table: ncrActions, name: 'ncr_action' }, audit, {
      ncr_id: findingNcr.id,
      description: 'Add the decision rule to the report template and the report PDF',
      kind: 'corrective',
      owner_id: engineer?.id ?? manager?.id,
      due_date: dateIn(-3),
    });
    await insertEntity(tx, { table: ncrActions, name: 'ncr_action' }, audit, {
      ncr_id: findingNcr.id,
      description: 'Review every template against the standard once a year',
      kind: 'preventive',
      owner_id: manager?.id ?? engineer?.id,
      due_date: dateIn(20),
    });
    created += 6;

    // an older NCR, worked through to its close
    const closed = await insertEntity(tx, { table: ncrs, name: 'ncr' }, audit, {
      number: await nextNumber(tx, 'NCR'),
      source: 'customer_complaint',
      title: 'Wrong sample number printed on a report',
      description: 'Customer noticed a transposed sample number on page 2',
      severity: 'minor',
      owner_id: manager?.id ?? null,
      containment: 'Amended report issued the same day',
      root_cause: 'Sample number typed by hand in the annex',
      effectiveness_check: 'No transposition in 60 reports since',
      effectiveness_result: 'effective',
      steps: [
        step('create', '', 'open', -120),
        step('investigate', 'open', 'investigating', -119),
        step('plan_actions', 'investigating', 'action_pending', -118),
        step('verify', 'action_pending', 'verification', -100),
        step('close', 'verification', 'closed', -60),
      ],
      status: 'closed',
      closed_at: new Date(Date.now() - 60 * DAY),
      closed_by: auditor?.id ?? null,
    });
    if (auditor) {
      // signed at its close, as POST /ncrs/{id}/close signs; the NCR points at its signature
      const signatureId = await demoSignature(tx, {
        entityType: 'ncr',
        entityId: closed.id,
        user: auditor,
        meaning: 'closed',
        signedAt: closed.closed_at as Date,
        content: {
          number: closed.number,
          title: closed.title,
          root_cause: closed.root_cause,
          effectiveness_check: closed.effectiveness_check,
          effectiveness_result: closed.effectiveness_result,
          version: closed.version,
        },
      });
      await tx
        .update(ncrs)
        .set({ signature_id: signatureId })
        .where(eq(ncrs.id, String(closed.id)));
    }
    await insertEntity(tx, { table: ncrActions, name: 'ncr_action' }, audit, {
      ncr_id: closed.id,
      description: 'Print the annex sample numbers from the record, never typed',
      kind: 'corrective',
      owner_id: engineer?.id ?? manager?.id,
      due_date: dateIn(-105),
      status: 'done',
      completed_at: new Date(Date.now() - 104 * DAY),
      completed_by: engineer?.id ?? null,
      evidence: 'Template change TC-31',
    });
    // a planned audit for the board
    await insertEntity(tx, { table: audits, name: 'audit' }, audit, {
      number: await nextNumber(tx, 'AUD'),
      type: 'external',
      title: 'Accreditation surveillance visit',
      scope: 'Textile testing, whole scope',
      clauses: ['ISO/IEC 17025'],
      planned_start: dateIn(45),
      planned_end: dateIn(46),
      lead_auditor_id: auditor?.id ?? null,
      auditee: 'Whole laboratory',
    });
    return created + 3;
  },
};
