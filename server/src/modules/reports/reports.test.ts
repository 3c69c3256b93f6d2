import { sql } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { jobsSettled, makeApprovedBench } from '../../../test/factories/reports.ts';
import { makeProject, makeSamples } from '../../../test/factories/testing.ts';
import { jobTestHooks } from '../../jobs/registry.ts';

let t: TestApp;
let bench: Awaited<ReturnType<typeof makeApprovedBench>>;
const url = '/api/v1/reports';

beforeAll(async () => {
  t = await createTestApp();
  bench = await makeApprovedBench(t.app, { samples: 2, values: { elongation: '41.2' } });
});
afterAll(async () => t?.close());
afterEach(() => {
  jobTestHooks.beforeStep = undefined;
});

const post = (payload: object, headers = bench.manager.headers) =>
  t.app.inject({ method: 'POST', url, headers, payload });
const get = (id: string, headers = bench.manager.headers) => t.app.inject({ url: `${url}/${id}`, headers });

/** Creates a report for the bench's project and waits for its job. */
async function generated(payload: object = { project_id: bench.project.id }) {
  const res = await post(payload);
  expect(res.statusCode, res.body).toBe(201);
  await jobsSettled(t.app);
  return (await get(res.json().id)).json();
}

async function pdfText(bytes: Buffer) {
  const { text, totalPages } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return { text: text.replace(/\s+/g, ' '), totalPages };
}

describe('POST /reports', () => {
  it('answers 201 with the report queued, then the job generates the draft PDF', async () => {
    const res = await post({ project_id: bench.project.id, title: 'Tensile strength, lot 1' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe(`${url}/${res.json().id}`);
    expect(res.json()).toMatchObject({
      status: 'queued',
      number: expect.stringMatching(/^RPT-\d{6}$/),
      revision: 1,
      project_id: bench.project.id,
      customer_id: bench.project.customer_id,
      sample_ids: expect.arrayContaining(bench.samples.map((s) => s.id)),
      pdf_sha256: null,
    });
    await jobsSettled(t.app);
    const done = (await get(res.json().id)).json();
    expect(done).toMatchObject({
      status: 'draft',
      progress: 100,
      pdf_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      page_count: expect.any(Number),
      allowed_actions: ['issue', 'regenerate'],
    });
    const history = await t.app.inject({ url: `${url}/${done.id}/history`, headers: bench.manager.headers });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual([
      'generated',
      'generate',
      'create',
    ]);
  });

  it('renders what ISO/IEC 17025 §7.8 asks: number, items, methods, results with units and uncertainty, verdicts, page x of y', async () => {
    const report = await generated();
    const pdf = await t.app.inject({ url: `${url}/${report.id}/download`, headers: bench.manager.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`inline; filename="${report.number}-rev1-DRAFT.pdf"`);
    const { text, totalPages } = await pdfText(pdf.rawPayload);
    expect(totalPages).toBe(report.page_count);
    expect(text).toContain(`Test report ${report.number}`);
    expect(text).toContain(`page 1 of ${totalPages}`);
    expect(text).toContain(bench.samples[0].number);
    expect(text).toContain('condition: ok');
    expect(text).toContain('not issued (draft)');
    expect(text).toContain('ISO 13934-1:2013');
    expect(text).toContain(bench.spec.code);
    expect(text).toMatch(/312\.5 4\.2 N/);
    expect(text).toMatch(/41\.2 0\.8 %/);
    expect(text).toContain('FAIL');
    expect(text).toContain('PASS');
    expect(text).toContain('Decision rule: simple acceptance');
    expect(text).toContain('The results relate only to the items tested');
    expect(text.replace(/\s/g, '')).toContain(`/verify/${report.verify_code}`); // the URL may wrap
    expect(text).toContain('DRAFT');
    const attachment = await t.app.inject({
      url: `${url}/${report.id}/download?download=true`,
      headers: bench.manager.headers,
    });
    expect(attachment.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('puts "page x of y" on every page of a long report', async () => {
    const big = await makeApprovedBench(t.app, { samples: 30 });
    const res = await post({ project_id: big.project.id }, big.manager.headers);
    await jobsSettled(t.app);
    const report = (await get(res.json().id)).json();
    expect(report.page_count).toBeGreaterThan(1);
    const pdf = await t.app.inject({ url: `${url}/${report.id}/download`, headers: big.manager.headers });
    const { text } = await pdfText(pdf.rawPayload);
    for (let page = 1; page <= report.page_count; page++) {
      expect(text).toContain(`page ${page} of ${report.page_count}`);
    }
  });

  it('is 409 when the project has no approved results, 422 for another project’s sample', async () => {
    const empty = await makeProject(t.app);
    const none = await post({ project_id: empty.id });
    expect(none.statusCode).toBe(409);
    expect(none.json().detail).toMatch(/has no approved results/);
    const [foreign] = await makeSamples(t.app, empty, 1);
    const wrong = await post({ project_id: bench.project.id, sample_ids: [foreign.id] });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'sample_ids' });
    const unknown = await post({ project_id: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([{ field: 'project_id', message: 'no such project' }]);
    const total = (await t.app.db.execute(
      sql`select count(*)::int as n from reports where project_id = ${empty.id}`,
    )) as unknown as { rows: { n: number }[] };
    expect(total.rows[0].n).toBe(0);
  });

  it('reports only the chosen samples', async () => {
    const report = await generated({ project_id: bench.project.id, sample_ids: [bench.samples[1].id] });
    expect(report.sample_ids).toEqual([bench.samples[1].id]);
    const pdf = await t.app.inject({ url: `${url}/${report.id}/download`, headers: bench.manager.headers });
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain(bench.samples[1].number);
    expect(text).not.toContain(`${bench.samples[0].number}:`);
  });

  it('is refused to viewers and customers (403)', async () => {
    const viewer = await signedIn(t.app, 'viewer');
    expect((await post({ project_id: bench.project.id }, viewer.headers)).statusCode).toBe(403);
  });
});

describe('GET /reports/{id}/events', () => {
  it('streams the progress as server-sent events and ends when the draft is ready', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let reached!: () => void;
    const atRender = new Promise<void>((r) => {
      reached = r;
    });
    jobTestHooks.beforeStep = async (_job, step) => {
      if (step === 'render') {
        reached();
        await held;
      }
    };
    const res = await post({ project_id: bench.project.id });
    t.app.jobs.wake();
    await atRender;
    const streaming = t.app.inject({ url: `${url}/${res.json().id}/events`, headers: bench.manager.headers });
    release();
    const events = await streaming;
    expect(events.statusCode).toBe(200);
    expect(events.headers['content-type']).toContain('text/event-stream');
    const messages = events.body
      .split('\n\n')
      .filter((m) => m.startsWith('event:'))
      .map((m) => ({ event: m.split('\n')[0].slice(7), data: JSON.parse(m.split('\n')[1].slice(6)) }));
    expect(messages[0]).toMatchObject({ event: 'progress', data: { status: 'generating' } });
    expect(messages.at(-1)).toEqual({ event: 'end', data: { status: 'draft', progress: 100, error: null } });
    const percents = messages.map((m) => m.data.progress);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });
});

describe('customer isolation', () => {
  it('shows a customer only its own customer’s issued reports; drafts and others’ are 404', async () => {
    const draft = await generated();
    const own = await signedIn(t.app, 'customer', { customer_id: bench.project.customer_id });
    expect((await get(draft.id, own.headers)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `${url}/${draft.id}/download`, headers: own.headers })).statusCode,
    ).toBe(404);
    const list = await t.app.inject({ url, headers: own.headers });
    expect(list.json().items.map((r: { id: string }) => r.id)).not.toContain(draft.id);

    await t.app.db.execute(sql`update reports set status = 'issued' where id = ${draft.id}`);
    expect((await get(draft.id, own.headers)).statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: `${url}/${draft.id}/download`, headers: own.headers })).statusCode,
    ).toBe(200);
    const stranger = await signedIn(t.app, 'customer', {
      customer_id: (await makeProject(t.app)).customer_id,
    });
    expect((await get(draft.id, stranger.headers)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `${url}/${draft.id}/download`, headers: stranger.headers })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url, headers: stranger.headers })).json().total).toBe(0);
  });

  it('serves the inline preview only with a valid token', async () => {
    const report = await generated();
    const preview = await t.app.inject({ url: report.preview_url });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    const forged = await t.app.inject({ url: `${url}/${report.id}/preview?token=9999999999.abc` });
    expect(forged.statusCode).toBe(404);
  });
});
