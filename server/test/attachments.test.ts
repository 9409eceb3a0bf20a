import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, ResultAttachment, ResultAttachmentList, Team, TeamResult, TeamTimeline } from '@lagverk/shared';
import { createAccount, sessionFor, signedInAs } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import {
  formBody, rawForm, sampleDocx, sampleExe, sampleOdt, samplePdf, samplePng, type FilePart,
} from './support/attachment-files.ts';
import { createOrganisation } from './support/database.ts';
import { as, expectProblem, fetchJson } from './support/factories.ts';
import { teamIn } from './support/team-factories.ts';

// Files attached to a team's result: stored in the database byte for byte, limited in
// size, type (by content, not by name) and number, kept within the organisation and the
// team's reach, and gone with their result.

const limit = 64 * 1024;
let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ attachmentMaxBytes: limit });
});
afterAll(() => t.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const base = (teamId: string, resultId: string) => `/api/v1/teams/${teamId}/results/${resultId}/attachments`;

interface Place { org: string; team: Team; result: TeamResult }

/** An active team of a fresh organisation with one result. */
async function place(): Promise<Place> {
  const org = (await createOrganisation(t.db)).id;
  const team = await teamIn(t.app, t.db, org, 'active');
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/teams/${team.id}/results`, headers: as(org),
    payload: { title: 'Felles mal for opplæringsplaner', category: 'competence', achievedOn: '2026-03-02' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { org, team, result: res.json<TeamResult>() };
}

async function upload(p: Place, file: FilePart, headers: Record<string, string> = as(p.org)) {
  const body = await formBody(file);
  return t.app.inject({ method: 'POST', url: base(p.team.id, p.result.id), headers: { ...headers, ...body.headers }, payload: body.payload });
}

async function attach(p: Place, file: FilePart) {
  const res = await upload(p, file);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ResultAttachment>();
}

const list = (p: Place) => fetchJson<ResultAttachmentList>(t.app, p.org, base(p.team.id, p.result.id));
const download = (p: Place, id: string, headers: Record<string, string> = as(p.org)) =>
  t.app.inject({ method: 'GET', url: `${base(p.team.id, p.result.id)}/${id}/content`, headers });
const remove = (p: Place, id: string, headers: Record<string, string> = as(p.org)) =>
  t.app.inject({ method: 'DELETE', url: `${base(p.team.id, p.result.id)}/${id}`, headers });
const pdf = (fileName = 'Opplæringsplan for lærlinger – høst.pdf', content = samplePdf()): FilePart => ({ fileName, type: 'application/pdf', content });
const text = (n: number): FilePart => ({ fileName: `notat-${n}.txt`, type: 'text/plain', content: Buffer.from(`Notat nummer ${n}: æ ø å\n`, 'utf8') });

describe('adding, listing and downloading attachments', () => {
  it('round-trips a file with a Norwegian name: the same bytes, SHA-256, name and type', async () => {
    const p = await place();
    const content = samplePdf('Halvårlig gjennomgang med instruktør');
    const res = await upload(p, pdf(undefined, content));
    expect(res.statusCode, res.body).toBe(201);
    const attachment = res.json<ResultAttachment>();
    expect(attachment).toMatchObject({
      resultId: p.result.id, fileName: 'Opplæringsplan for lærlinger – høst.pdf', contentType: 'application/pdf',
      size: content.length, sha256: sha256(content),
    });
    expect(res.headers.location).toBe(`${base(p.team.id, p.result.id)}/${attachment.id}`);

    const listed = await list(p);
    expect(listed.items).toEqual([attachment]);
    expect(listed.limits).toEqual({ maxBytes: limit, maxCount: 20 });
    expect((await fetchJson<ResultAttachment>(t.app, p.org, res.headers.location as string))).toEqual(attachment);

    const file = await download(p, attachment.id);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(content)).toBe(true);
    expect(sha256(file.rawPayload)).toBe(attachment.sha256);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      'attachment; filename="Opplaeringsplan for laerlinger _ hoest.pdf"; filename*=UTF-8\'\'Oppl%C3%A6ringsplan%20for%20l%C3%A6rlinger%20%E2%80%93%20h%C3%B8st.pdf',
    );
  });

  it('keeps several files in the order they were added, and records each in the timeline', async () => {
    const p = await place();
    const first = await attach(p, text(1));
    const second = await attach(p, { fileName: 'skjermbilde.png', type: 'image/png', content: samplePng() });
    expect((await list(p)).items.map((a) => a.id)).toEqual([first.id, second.id]);
    const events = (await fetchJson<TeamTimeline>(t.app, p.org, `/api/v1/teams/${p.team.id}/timeline?limit=200`)).items;
    expect(events.filter((e) => e.kind === 'attachment.added').map((e) => e.data)).toEqual([
      { resultId: p.result.id, title: p.result.title, attachmentId: first.id, fileName: 'notat-1.txt' },
      { resultId: p.result.id, title: p.result.title, attachmentId: second.id, fileName: 'skjermbilde.png' },
    ]);
  });

  it('serves UTF-8 text as UTF-8', async () => {
    const p = await place();
    const note = await attach(p, text(1));
    const file = await download(p, note.id);
    expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(file.body).toBe('Notat nummer 1: æ ø å\n');
  });

  it('takes Word and OpenDocument files, and a CSV file that Windows calls an Excel sheet', async () => {
    const p = await place();
    const docx = await attach(p, { fileName: 'Rutine.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: sampleDocx() });
    const odt = await attach(p, { fileName: 'Rutine.odt', type: 'application/octet-stream', content: sampleOdt() });
    const csv = await attach(p, { fileName: 'Målinger.csv', type: 'application/vnd.ms-excel', content: Buffer.from('Måling;Før;Etter\nVentetid;42;14\n', 'latin1') });
    expect([docx.contentType, odt.contentType, csv.contentType]).toEqual([
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text', 'text/csv',
    ]);
    // Not UTF-8 (Norwegian Excel writes Windows-1252): no charset is claimed for it.
    expect((await download(p, csv.id)).headers['content-type']).toBe('text/csv');
  });

  it('names a file without an ending after its type', async () => {
    const p = await place();
    expect((await attach(p, pdf('Opplæringsplan'))).fileName).toBe('Opplæringsplan.pdf');
  });
});

describe('refusing files', () => {
  it('refuses a file over the limit (413) and takes one exactly at it', async () => {
    const p = await place();
    const over = Buffer.concat([samplePdf(), Buffer.alloc(limit + 1 - samplePdf().length, 0x20)]);
    expectProblem(await upload(p, pdf('stor.pdf', over)), 413, 'attachment-too-large');
    const exact = over.subarray(0, limit);
    expect((await attach(p, pdf('akkurat.pdf', exact))).size).toBe(limit);
    expect((await list(p)).items.map((a) => a.fileName)).toEqual(['akkurat.pdf']);
  });

  it('refuses a program renamed to .pdf by its content (422), and a program type outright (415)', async () => {
    const p = await place();
    expectProblem(await upload(p, pdf('rapport.pdf', sampleExe())), 422, 'attachment-content-mismatch');
    expectProblem(await upload(p, { fileName: 'rapport.txt', type: 'text/plain', content: sampleExe() }), 422, 'attachment-content-mismatch');
    expectProblem(await upload(p, { fileName: 'rapport.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: samplePdf() }), 422, 'attachment-content-mismatch');
    expectProblem(await upload(p, { fileName: 'oppdatering.exe', type: 'application/x-msdownload', content: sampleExe() }), 415, 'attachment-type-not-allowed');
    expectProblem(await upload(p, { fileName: 'oppdatering.exe', type: 'application/octet-stream', content: sampleExe() }), 415, 'attachment-type-not-allowed');
    expectProblem(await upload(p, { fileName: 'side.html', type: 'text/html', content: Buffer.from('<script>alert(1)</script>') }), 415, 'attachment-type-not-allowed');
    // A real PDF named as something else would open in the wrong program.
    expectProblem(await upload(p, pdf('rapport.exe')), 422, 'attachment-name-mismatch');
    expect((await list(p)).items).toEqual([]);
  });

  it('refuses an empty file, a body without a file, and anything but one file', async () => {
    const p = await place();
    const send = (body: { payload: Buffer | string; headers: Record<string, string> }) =>
      t.app.inject({ method: 'POST', url: base(p.team.id, p.result.id), headers: as(p.org, body.headers), payload: body.payload });
    expectProblem(await upload(p, pdf('tom.pdf', Buffer.alloc(0))), 422, 'attachment-empty');
    expectProblem(await send(rawForm([])), 400, 'attachment-missing');
    expectProblem(await send(rawForm([{ name: 'file', fileName: '', type: 'application/octet-stream', content: '' }])), 400, 'attachment-missing');
    expectProblem(await send(rawForm([{ name: 'description', content: 'hei' }])), 400, 'one-file-only');
    expectProblem(await send(rawForm([{ name: 'vedlegg', fileName: 'a.txt', type: 'text/plain', content: 'hei' }])), 400, 'one-file-only');
    expectProblem(await send(await formBody(text(1), text(2))), 400, 'one-file-only');
    expectProblem(await send({ payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhei', headers: { 'content-type': 'multipart/form-data; boundary=x' } }), 400, 'malformed-multipart');
    expectProblem(await send({ payload: JSON.stringify({ file: 'aGVp' }), headers: { 'content-type': 'application/json' } }), 415, 'unsupported-media-type');
    expectProblem(await send({ payload: 'hei', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    expect((await list(p)).items).toEqual([]);
  });

  it('refuses the 21st attachment of a result (409), and the same file twice', async () => {
    const p = await place();
    for (let n = 1; n <= 20; n++) await attach(p, text(n));
    expectProblem(await upload(p, text(21)), 409, 'too-many-attachments');
    expect((await list(p)).items).toHaveLength(20);

    const other = await place();
    await attach(other, text(1));
    expectProblem(await upload(other, { ...text(1), fileName: 'kopi.txt' }), 409, 'attachment-exists');
  });
});

describe('organisations, roles and the team\'s reach', () => {
  it('answers 404 for another organisation\'s team, result and attachment', async () => {
    const p = await place();
    const attachment = await attach(p, pdf());
    const stranger = (await createOrganisation(t.db)).id;
    const foreign = { ...p, org: stranger };
    expectProblem(await t.app.inject({ method: 'GET', url: base(p.team.id, p.result.id), headers: as(stranger) }), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: `${base(p.team.id, p.result.id)}/${attachment.id}`, headers: as(stranger) }), 404);
    expectProblem(await download(foreign, attachment.id, as(stranger)), 404);
    expectProblem(await remove(foreign, attachment.id, as(stranger)), 404);
    expectProblem(await upload(foreign, text(1), as(stranger)), 404);
    // And an attachment id under another of the organisation's own results.
    const sibling = await place();
    expectProblem(await download(sibling, attachment.id), 404);
    expect((await list(p)).items).toHaveLength(1);
  });

  it('lets a member read and download, but not add or remove (403)', async () => {
    const p = await place();
    const attachment = await attach(p, pdf());
    const { headers } = await signedInAs(t.db, p.org, ['member']);
    expect((await t.app.inject({ method: 'GET', url: base(p.team.id, p.result.id), headers })).statusCode).toBe(200);
    expect((await download(p, attachment.id, headers)).rawPayload.equals(samplePdf())).toBe(true);
    expectProblem(await upload(p, text(1), headers), 403, 'forbidden');
    expectProblem(await remove(p, attachment.id, headers), 403, 'forbidden');
  });

  it('lets the team\'s coordinator add and remove files, with the CSRF token, and no other team\'s coordinator', async () => {
    const p = await place();
    const members = await fetchJson<{ items: Member[] }>(t.app, p.org, `/api/v1/teams/${p.team.id}/members`);
    const coordinator = members.items.find((m) => m.role === 'coordinator' && m.leftOn === null)!;
    const account = await createAccount(t.db, p.org, ['member'], { personId: coordinator.personId });
    const { sessionId: _, ...session } = await sessionFor(t.db, account);

    const { 'x-csrf-token': _csrf, ...withoutCsrf } = session;
    expectProblem(await upload(p, pdf(), withoutCsrf), 403, 'csrf-token-invalid');
    const res = await upload(p, pdf(), session);
    expect(res.statusCode, res.body).toBe(201);
    const attachment = res.json<ResultAttachment>();
    // The audit trail names the coordinator, describes the file, and holds none of its bytes.
    const audit = await t.db.selectFrom('audit_events').selectAll()
      .where('organisation_id', '=', p.org).where('entity', '=', 'team_result_attachments').where('entity_id', '=', attachment.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor_account_id: account.accountId, actor_person_id: coordinator.personId });
    expect(audit[0]!.changes.file_name).toEqual({ after: 'Opplæringsplan for lærlinger – høst.pdf' });
    expect(Object.keys(audit[0]!.changes)).not.toContain('content');
    expect(await t.db.selectFrom('audit_events').select('id').where('organisation_id', '=', p.org)
      .where('entity', '=', 'team_result_attachment_contents').execute()).toEqual([]);

    expect((await remove(p, attachment.id, session)).statusCode).toBe(204);
    expect((await list(p)).items).toEqual([]);

    const elsewhere = await place();
    expectProblem(await upload({ ...elsewhere, org: p.org }, pdf(), session), 404);
    const sameOrg = await teamIn(t.app, t.db, p.org, 'active');
    const result = await t.app.inject({
      method: 'POST', url: `/api/v1/teams/${sameOrg.id}/results`, headers: as(p.org),
      payload: { title: 'Annet lag', category: 'other', achievedOn: '2026-01-01' },
    });
    expectProblem(await upload({ org: p.org, team: sameOrg, result: result.json<TeamResult>() }, pdf(), session), 403, 'out-of-scope');
  });
});

describe('removing', () => {
  it('removes an attachment and its bytes, and records it in the timeline', async () => {
    const p = await place();
    const attachment = await attach(p, pdf());
    expect((await remove(p, attachment.id)).statusCode).toBe(204);
    expectProblem(await download(p, attachment.id), 404);
    expectProblem(await remove(p, attachment.id), 404);
    const contents = await t.db.selectFrom('team_result_attachment_contents').select('attachment_id')
      .where('organisation_id', '=', p.org).execute();
    expect(contents).toEqual([]);
    const events = (await fetchJson<TeamTimeline>(t.app, p.org, `/api/v1/teams/${p.team.id}/timeline?limit=200`)).items;
    expect(events.at(-1)).toMatchObject({ kind: 'attachment.removed', data: { attachmentId: attachment.id, fileName: attachment.fileName } });
  });

  it('removes a result\'s attachments with the result', async () => {
    const p = await place();
    await attach(p, pdf());
    await attach(p, text(1));
    const res = await t.app.inject({
      method: 'DELETE', url: `/api/v1/teams/${p.team.id}/results/${p.result.id}`, headers: as(p.org, { 'if-match': `"${p.result.version}"` }),
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(await t.db.selectFrom('team_result_attachments').select('id').where('organisation_id', '=', p.org).execute()).toEqual([]);
    expect(await t.db.selectFrom('team_result_attachment_contents').select('attachment_id').where('organisation_id', '=', p.org).execute()).toEqual([]);
    expectProblem(await t.app.inject({ method: 'GET', url: base(p.team.id, p.result.id), headers: as(p.org) }), 404);
  });
});

describe('the default limit', () => {
  it('is 10 MiB: a larger file is refused while it streams in', async () => {
    const big = await createTestApp();
    try {
      const org = big.organisationId;
      const team = await teamIn(big.app, big.db, org, 'active');
      const result = (await big.app.inject({
        method: 'POST', url: `/api/v1/teams/${team.id}/results`, headers: as(org),
        payload: { title: 'Stor fil', category: 'other', achievedOn: '2026-01-01' },
      })).json<TeamResult>();
      const body = await formBody(pdf('stor.pdf', Buffer.concat([samplePdf(), Buffer.alloc(10 * 1024 * 1024, 0x20)])));
      const res = await big.app.inject({ method: 'POST', url: base(team.id, result.id), headers: as(org, body.headers), payload: body.payload });
      expectProblem(res, 413, 'attachment-too-large');
      const listed = (await big.app.inject({ method: 'GET', url: base(team.id, result.id), headers: as(org) })).json<ResultAttachmentList>();
      expect(listed).toMatchObject({ items: [], limits: { maxBytes: 10 * 1024 * 1024 } });
    } finally {
      await big.close();
    }
  });
});
