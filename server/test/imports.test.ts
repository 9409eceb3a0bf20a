import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, Person, PersonPage, UnitPage } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { createToken } from './support/access-world.ts';
import { signedInAs } from './support/accounts.ts';
import { as, createPerson, createUnit, expectProblem, fetchJson, snapshot } from './support/factories.ts';

// Bulk import from CSV as an HR department does it: a spreadsheet saved from Excel (`;`,
// BOM, quoted fields, Norwegian letters) or an HR system's export (`,`), imported once
// and again and again; a bad file is refused whole, with every bad row named.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function newOrg() {
  return (await createOrganisation(t.db)).id;
}

type Kind = 'units' | 'people';

function importCsv(org: string, kind: Kind, csv: string | Buffer, options: { dryRun?: boolean; headers?: Record<string, string> } = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}${options.dryRun ? '?dryRun=true' : ''}`,
    headers: { ...as(org), 'content-type': 'text/csv', ...options.headers },
    payload: csv,
  });
}

async function imported(org: string, kind: Kind, csv: string, options: { dryRun?: boolean } = {}) {
  const res = await importCsv(org, kind, csv, options);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ImportReport>();
}

async function unitsOf(org: string) {
  const page = await fetchJson<UnitPage>(t.app, org, '/api/v1/units?limit=200');
  return new Map(page.items.map((u) => [u.externalId, u]));
}

async function peopleOf(org: string) {
  const page = await fetchJson<PersonPage>(t.app, org, '/api/v1/people?limit=200');
  return new Map(page.items.map((p) => [p.externalId, p]));
}

/** Lines of a CSV file, as Excel writes them: `\r\n` after each. */
const csv = (...lines: string[]) => lines.map((l) => `${l}\r\n`).join('');

// A child before its parent, a quoted field holding the delimiter, Norwegian letters.
const tree = csv(
  'externalId;name;kind;parentExternalId;description',
  'HO-HJT;Hjemmetjenesten;unit;HO;"Heimesjukepleie; praktisk bistand"',
  'HO;Helse og omsorg;serviceArea;;',
  'HO-HJT-NORD;Hjemmetjenesten nord;section;HO-HJT;',
  'OPV;Oppvekst;serviceArea;;',
  'OPV-BHG;Barnehagen Ærø;unit;OPV;Småbarn og førskole',
);

describe('importing units', () => {
  it('creates a tree whose rows name parents on later lines, from an Excel file with a BOM', async () => {
    const org = await newOrg();
    const report = await imported(org, 'units', `\uFEFF${tree}`);
    expect(report).toEqual({
      dryRun: false, created: 5, updated: 0, unchanged: 0,
      rows: [
        { line: 2, externalId: 'HO-HJT', action: 'create' },
        { line: 3, externalId: 'HO', action: 'create' },
        { line: 4, externalId: 'HO-HJT-NORD', action: 'create' },
        { line: 5, externalId: 'OPV', action: 'create' },
        { line: 6, externalId: 'OPV-BHG', action: 'create' },
      ],
    });
    const units = await unitsOf(org);
    expect(units.get('HO-HJT')).toMatchObject({
      name: 'Hjemmetjenesten', kind: 'unit', parentId: units.get('HO')!.id, description: 'Heimesjukepleie; praktisk bistand', active: true,
    });
    expect(units.get('HO-HJT-NORD')!.parentId).toBe(units.get('HO-HJT')!.id);
    expect(units.get('OPV-BHG')).toMatchObject({ name: 'Barnehagen Ærø', description: 'Småbarn og førskole' });
    expect(units.get('HO')!.parentId).toBeNull();
  });

  it('reports every row unchanged when the same file comes again, and bumps no version', async () => {
    const org = await newOrg();
    await imported(org, 'units', tree);
    const before = await snapshot(t.db, org);
    const again = await imported(org, 'units', tree);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    expect(again.rows.every((r) => r.action === 'unchanged' && r.changes === undefined)).toBe(true);
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('updates only the rows that changed and names the changed columns', async () => {
    const org = await newOrg();
    await imported(org, 'units', tree);
    const before = await unitsOf(org);
    const changed = csv(
      'externalId;name;kind;parentExternalId;description',
      'HO-HJT;Heimetenesta;unit;HO;"Heimesjukepleie; praktisk bistand"',
      'HO;Helse og omsorg;serviceArea;;',
      'HO-HJT-NORD;Hjemmetjenesten nord;section;OPV-BHG;',
      'OPV;Oppvekst;serviceArea;;',
      'OPV-BHG;Barnehagen Ærø;unit;OPV;',
    );
    const report = await imported(org, 'units', changed);
    expect(report).toMatchObject({ created: 0, updated: 3, unchanged: 2 });
    expect(report.rows.filter((r) => r.action === 'update')).toEqual([
      { line: 2, externalId: 'HO-HJT', action: 'update', changes: ['name'] },
      { line: 4, externalId: 'HO-HJT-NORD', action: 'update', changes: ['parentExternalId'] },
      { line: 6, externalId: 'OPV-BHG', action: 'update', changes: ['description'] },
    ]);
    const after = await unitsOf(org);
    expect(after.get('HO-HJT')).toMatchObject({ name: 'Heimetenesta', version: before.get('HO-HJT')!.version + 1 });
    expect(after.get('HO-HJT-NORD')!.parentId).toBe(after.get('OPV-BHG')!.id);
    expect(after.get('OPV-BHG')!.description).toBeNull();
    expect(after.get('HO')!.version).toBe(before.get('HO')!.version);
  });

  it('leaves fields of columns missing from the file as they are, and clears those of empty cells', async () => {
    const org = await newOrg();
    const manager = await createPerson(t.app, org, { externalId: 'HR-1' });
    await imported(org, 'units', csv('externalId;name;kind;managerExternalId;description', 'U1;Eining;unit;HR-1;Om eininga'));
    const report = await imported(org, 'units', csv('externalId;name;kind;description', 'U1;Eining;unit;'));
    expect(report.rows).toEqual([{ line: 2, externalId: 'U1', action: 'update', changes: ['description'] }]);
    expect((await unitsOf(org)).get('U1')).toMatchObject({ managerId: manager.id, description: null });
  });

  it('reads a comma-separated file with CRLF and LF lines, header names in any case and order, and quoted commas and line breaks', async () => {
    const org = await newOrg();
    const file = 'Kind,EXTERNALID,name,Description\r\nserviceArea,TEK,"Teknisk, plan og miljø","Vei, vann\nog avløp"\nunit,TEK-2,Brann,\n';
    const report = await imported(org, 'units', file);
    expect(report.rows).toEqual([
      { line: 2, externalId: 'TEK', action: 'create' },
      { line: 4, externalId: 'TEK-2', action: 'create' },
    ]);
    expect((await unitsOf(org)).get('TEK')).toMatchObject({ name: 'Teknisk, plan og miljø', description: 'Vei, vann\nog avløp', kind: 'serviceArea' });
  });

  it('deactivates and reactivates by the active column, children before parents', async () => {
    const org = await newOrg();
    await imported(org, 'units', tree);
    const off = csv(
      'externalId;name;kind;parentExternalId;active',
      'HO-HJT;Hjemmetjenesten;unit;HO;nei',
      'HO;Helse og omsorg;serviceArea;;nei',
      'HO-HJT-NORD;Hjemmetjenesten nord;section;HO-HJT;nei',
      'OPV;Oppvekst;serviceArea;;nei',
      'OPV-BHG;Barnehagen Ærø;unit;OPV;nei',
    );
    const report = await imported(org, 'units', off);
    expect(report).toMatchObject({ updated: 5 });
    expect(report.rows.every((r) => r.changes?.join() === 'active')).toBe(true);
    expect([...(await unitsOf(org)).values()].every((u) => !u.active)).toBe(true);
    const on = await imported(org, 'units', csv('externalId;name;kind;parentExternalId;active', 'HO-HJT;Hjemmetjenesten;unit;HO;ja', 'HO;Helse og omsorg;serviceArea;;JA'));
    expect(on.rows.map((r) => r.changes)).toEqual([['active'], ['active']]);
    const units = await unitsOf(org);
    expect([units.get('HO')!.active, units.get('HO-HJT')!.active, units.get('OPV')!.active]).toEqual([true, true, false]);
  });
});

describe('a dry run', () => {
  it('reports exactly what the real import then does, and changes nothing itself', async () => {
    const org = await newOrg();
    await imported(org, 'units', csv('externalId;name;kind', 'HO;Helse og omsorg;serviceArea', 'OPV;Oppvekst;serviceArea'));
    const file = csv('externalId;name;kind;parentExternalId', 'HO-HJT;Hjemmetjenesten;unit;HO', 'HO;Helse og omsorg;serviceArea;', 'OPV;Oppvekst og kultur;serviceArea;');
    const before = await snapshot(t.db, org);
    const audited = await auditCount(org);

    const dry = await imported(org, 'units', file, { dryRun: true });
    expect(await snapshot(t.db, org)).toEqual(before);
    expect(await auditCount(org)).toBe(audited);

    const real = await imported(org, 'units', file);
    expect(dry).toEqual({ ...real, dryRun: true });
    expect(real).toMatchObject({ dryRun: false, created: 1, updated: 1, unchanged: 1 });
    expect(await auditCount(org)).toBe(audited + 2);
  });

  it('refuses a bad file the same way as the real import', async () => {
    const org = await newOrg();
    const bad = csv('externalId;name;kind', 'A;Eining;department');
    const dry = expectProblem(await importCsv(org, 'units', bad, { dryRun: true }), 422, 'import-invalid');
    const real = expectProblem(await importCsv(org, 'units', bad), 422, 'import-invalid');
    expect(dry.errors).toEqual(real.errors);
  });
});

async function auditCount(org: string) {
  const row = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', org).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('refusing an invalid file', () => {
  it('lists every bad row of a units file and writes nothing, not even the good rows', async () => {
    const org = await newOrg();
    await imported(org, 'units', csv('externalId;name;kind', 'HO;Helse og omsorg;serviceArea'));
    const before = await snapshot(t.db, org);
    const res = await importCsv(org, 'units', csv(
      'externalId;name;kind;parentExternalId',
      'GOOD;Gode eininga;unit;HO',
      'K;Ukjent slag;department;HO',
      ';Utan nøkkel;unit;',
      'GOOD;Same nøkkel;unit;',
      'ORPHAN;Foreldrelaus;unit;NOWHERE',
      'LOOP-A;Løkke A;unit;LOOP-B',
      'LOOP-B;Løkke B;unit;LOOP-A',
      'BELOW-LOOP;Under løkka;section;LOOP-A',
      'BELOW-BAD;Under ukjent slag;section;K',
      'SELF;Eigen forelder;unit;SELF',
    ));
    const problem = expectProblem(res, 422, 'import-invalid');
    expect(problem.errors).toEqual([
      { path: '/csv/3/kind', message: 'must be one of serviceArea, unit, section', code: 'anyOf' },
      { path: '/csv/4/externalId', message: 'is required', code: 'required' },
      { path: '/csv/5/externalId', message: 'is on line 2 too: each row needs its own externalId', code: 'duplicate' },
      { path: '/csv/6/parentExternalId', message: expect.stringMatching(/^names no unit/), code: 'unknown-reference' },
      { path: '/csv/7/parentExternalId', message: 'makes a loop: LOOP-A → LOOP-B → LOOP-A', code: 'unit-cycle' },
      { path: '/csv/8/parentExternalId', message: 'makes a loop: LOOP-A → LOOP-B → LOOP-A', code: 'unit-cycle' },
      { path: '/csv/11/parentExternalId', message: 'makes a loop: SELF → SELF', code: 'unit-cycle' },
    ]);
    expect(problem.detail).toBe('The file has 7 errors on 7 lines; nothing was imported.');
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('lists every bad row of a people file, bad email among them', async () => {
    const org = await newOrg();
    await createUnit(t.app, org, { externalId: 'HO', kind: 'serviceArea' });
    const before = await snapshot(t.db, org);
    const res = await importCsv(org, 'people', csv(
      'externalId;name;email;phone;unitExternalId;active',
      'HR-1;Kari Nordmann;kari.nordmann@kommune.no;+47 412 34 567;HO;ja',
      'HR-2;Ola Nordmann;ola.nordmann(at)kommune.no;;HO;ja',
      'HR-3;;;12;;kanskje',
      'HR-4;;;;NOWHERE;',
    ));
    const problem = expectProblem(res, 422, 'import-invalid');
    expect(problem.errors).toEqual([
      { path: '/csv/3/email', message: 'is not a valid email address', code: 'format' },
      { path: '/csv/4/active', message: expect.stringMatching(/^must be true or false/), code: 'type' },
      { path: '/csv/4/name', message: 'is required', code: 'required' },
      { path: '/csv/4/phone', message: expect.stringMatching(/^must NOT have fewer than 3 characters/), code: 'minLength' },
      { path: '/csv/5/name', message: 'is required', code: 'required' },
      { path: '/csv/5/unitExternalId', message: expect.stringMatching(/^names no unit/), code: 'unknown-reference' },
    ]);
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('lists the rows the stored data refuses: a loop through stored units, an inactive unit, a unit still in use, an email in use', async () => {
    const org = await newOrg();
    await imported(org, 'units', csv(
      'externalId;name;kind;parentExternalId;active',
      'A;A;serviceArea;;ja',
      'B;B;unit;A;ja',
      'C;C;unit;;ja',
      'OFF;Nedlagt;unit;;nei',
    ));
    await createPerson(t.app, org, { email: 'teken@kommune.no' });
    await imported(org, 'people', csv('externalId;name;unitExternalId', 'HR-1;Kari;C'));
    const before = await snapshot(t.db, org);

    const units = expectProblem(await importCsv(org, 'units', csv(
      'externalId;name;kind;parentExternalId;active',
      'A;A;serviceArea;B;ja',
      'C;C;unit;;nei',
      'NEW;Ny;unit;OFF;ja',
    )), 422, 'import-invalid');
    // B is below A in the database, so A cannot move below B: the unit service's own checks.
    expect(units.errors).toEqual([
      { path: '/csv/2/parentExternalId', message: expect.stringMatching(/below itself/), code: 'unit-cycle' },
      { path: '/csv/3/active', message: expect.stringMatching(/1 active person/), code: 'unit-in-use' },
      { path: '/csv/4/parentExternalId', message: expect.stringMatching(/inactive/), code: 'unit-inactive' },
    ]);

    const people = expectProblem(await importCsv(org, 'people', csv(
      'externalId;name;email;unitExternalId',
      'HR-2;Ola;teken@kommune.no;A',
      'HR-3;Per;;OFF',
      'HR-4;Åse;ase@kommune.no;A',
      'HR-5;Åse to;ASE@kommune.no;A',
    )), 422, 'import-invalid');
    expect(people.errors).toEqual([
      { path: '/csv/2/email', message: 'is already used by another person in the organisation', code: 'duplicate' },
      { path: '/csv/3/unitExternalId', message: expect.stringMatching(/inactive/), code: 'unit-inactive' },
      { path: '/csv/5/email', message: 'is on line 4 too', code: 'duplicate' },
    ]);
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('lets one person take the email another gives up in the same file, but refuses a swap', async () => {
    const org = await newOrg();
    await imported(org, 'people', csv('externalId;name;email', 'HR-1;Kari;kari@kommune.no', 'HR-2;Ola;ola@kommune.no'));
    const moved = await imported(org, 'people', csv('externalId;name;email', 'HR-3;Kari Ny;kari@kommune.no', 'HR-1;Kari;kari.gammal@kommune.no'));
    expect(moved.rows.map((r) => r.action)).toEqual(['create', 'update']);
    expect((await peopleOf(org)).get('HR-3')!.email).toBe('kari@kommune.no');

    const before = await snapshot(t.db, org);
    const swap = expectProblem(await importCsv(org, 'people', csv('externalId;name;email', 'HR-2;Ola;kari@kommune.no', 'HR-3;Kari Ny;ola@kommune.no')), 422, 'import-invalid');
    expect(swap.errors!.map((e) => [e.path, e.message])).toEqual([
      ['/csv/2/email', expect.stringMatching(/swap emails in two imports/)],
      ['/csv/3/email', expect.stringMatching(/swap emails in two imports/)],
    ]);
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('refuses a header with unknown or missing columns, naming each', async () => {
    const org = await newOrg();
    const problem = expectProblem(await importCsv(org, 'people', csv('externalId;navn;Email;email;avdeling', 'HR-1;Kari;;;')), 422, 'import-invalid');
    expect(problem.errors!.map((e) => [e.path, e.code])).toEqual([
      ['/csv/1/navn', 'unknown-column'],
      ['/csv/1/email', 'duplicate-column'],
      ['/csv/1/avdeling', 'unknown-column'],
      ['/csv/1/name', 'missing-column'],
    ]);
  });

  it('refuses a row with the wrong number of fields, an unclosed quote, a file that is not UTF-8 and an empty file', async () => {
    const org = await newOrg();
    const short = expectProblem(await importCsv(org, 'units', csv('externalId;name;kind', 'A;Eining;unit', 'B;Eining, med; semikolon;unit')), 422, 'import-invalid');
    expect(short.errors).toEqual([{ path: '/csv/3', message: 'has 4 fields, but the header has 3', code: 'field-count' }]);

    const unclosed = expectProblem(await importCsv(org, 'units', csv('externalId;name;kind', 'A;"Eining;unit', 'B;Eining;unit')), 422, 'import-invalid');
    expect(unclosed.errors).toEqual([{ path: expect.stringMatching(/^\/csv\/\d+$/), message: expect.stringMatching(/^cannot be read as CSV: .*quote/i), code: 'csv-syntax' }]);

    const latin1 = Buffer.from('externalId;name;kind\r\nA;Bø;unit\r\n', 'latin1');
    const encoding = expectProblem(await importCsv(org, 'units', latin1), 422, 'import-invalid');
    expect(encoding.errors).toEqual([{ path: '/csv', message: expect.stringMatching(/not UTF-8.*CSV UTF-8/), code: 'encoding' }]);

    const empty = expectProblem(await importCsv(org, 'units', ''), 422, 'import-invalid');
    expect(empty.errors![0]!.code).toBe('empty');
    expect(await unitsOf(org)).toEqual(new Map());
  });

  it('refuses more than 10,000 rows, and a body over 10 MiB, with 413', async () => {
    const org = await newOrg();
    const rows = Array.from({ length: 10_001 }, (_, i) => `U${i};Eining ${i};unit`);
    expectProblem(await importCsv(org, 'units', csv('externalId;name;kind', ...rows)), 413, 'too-many-rows');
    // Millions of tiny rows are refused after reading only as many as are allowed.
    const tiny = `externalId;name;kind\r\n${'a;b\n'.repeat(2_000_000)}`;
    const before = process.memoryUsage().heapUsed;
    expectProblem(await importCsv(org, 'units', tiny), 413, 'too-many-rows');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(400 * 1024 * 1024);
    expectProblem(await importCsv(org, 'units', `externalId;name;kind\r\nA;${'x'.repeat(10 * 1024 * 1024)};unit\r\n`), 413, 'body-too-large');
    // Above the 1 MiB limit of JSON bodies, a file is still read (and here refused for its content).
    const large = await importCsv(org, 'units', `externalId;name;kind;description\r\nA;Eining;unit;${'x'.repeat(2 * 1024 * 1024)}\r\n`);
    expect(expectProblem(large, 422, 'import-invalid').errors!.map((e) => e.path)).toEqual(['/csv/2/description']);
    expect(await unitsOf(org)).toEqual(new Map());
  });
});

describe('importing people', () => {
  it('creates, updates and deactivates people in units by their externalIds', async () => {
    const org = await newOrg();
    await imported(org, 'units', tree);
    const file = csv(
      'externalId;name;email;phone;title;profession;unitExternalId;active',
      'HR-10442;Kari Nordmann;kari.nordmann@kommune.no;+47 412 34 567;Sykepleier;Sykepleie;HO-HJT-NORD;ja',
      'HR-10443;Ola Sæther;ola.saether@kommune.no;;Vernepleier;Vernepleie;HO-HJT;',
    );
    expect(await imported(org, 'people', file)).toMatchObject({ created: 2 });
    const units = await unitsOf(org);
    let people = await peopleOf(org);
    expect(people.get('HR-10442')).toMatchObject({
      name: 'Kari Nordmann', email: 'kari.nordmann@kommune.no', phone: '+47 412 34 567', title: 'Sykepleier',
      profession: 'Sykepleie', unitId: units.get('HO-HJT-NORD')!.id, active: true,
    });
    expect(people.get('HR-10443')).toMatchObject({ name: 'Ola Sæther', phone: null, unitId: units.get('HO-HJT')!.id });

    expect((await imported(org, 'people', file)).unchanged).toBe(2);

    const report = await imported(org, 'people', csv('externalId;name;active;title', 'HR-10443;Ola Sæther;nei;Fagleiar'));
    expect(report.rows).toEqual([{ line: 2, externalId: 'HR-10443', action: 'update', changes: ['title', 'active'] }]);
    people = await peopleOf(org);
    expect(people.get('HR-10443')).toMatchObject({ active: false, title: 'Fagleiar', email: 'ola.saether@kommune.no' });
    expect(people.get('HR-10442')!.active).toBe(true);
  });

  it('can name managers of units once the people are in', async () => {
    const org = await newOrg();
    await imported(org, 'units', tree);
    await imported(org, 'people', csv('externalId;name;unitExternalId', 'HR-1;Leiar Lie;HO'));
    const report = await imported(org, 'units', csv('externalId;name;kind;managerExternalId', 'HO;Helse og omsorg;serviceArea;HR-1'));
    expect(report.rows[0]).toMatchObject({ action: 'update', changes: ['managerExternalId'] });
    const leader: Person = (await peopleOf(org)).get('HR-1')!;
    expect((await unitsOf(org)).get('HO')!.managerId).toBe(leader.id);
  });
});

describe('who may import, and how the file must be sent', () => {
  it('needs units:write for units and people:write for people', async () => {
    const org = t.organisationId;
    const unitsOnly = (await createToken(t.db, org, ['units:write'])).headers;
    const readOnly = (await createToken(t.db, org, ['units:read', 'people:read'])).headers;
    expectProblem(await importCsv(org, 'people', csv('externalId;name', 'X;Y'), { headers: unitsOnly }), 403, 'forbidden');
    expectProblem(await importCsv(org, 'units', csv('externalId;name;kind', 'X;Y;unit'), { headers: readOnly }), 403, 'forbidden');
    const allowed = await importCsv(org, 'units', csv('externalId;name;kind', 'SCOPE-1;Y;unit'), { headers: unitsOnly, dryRun: true });
    expect(allowed.statusCode, allowed.body).toBe(200);
  });

  it('answers 415 to JSON and to CSV in another character set', async () => {
    const org = await newOrg();
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/imports/units', headers: as(org), payload: { externalId: 'A', name: 'B', kind: 'unit' } });
    expect(expectProblem(json, 415, 'unsupported-media-type').detail).toMatch(/text\/csv/);
    const latin1 = await importCsv(org, 'units', csv('externalId;name;kind', 'A;B;unit'), { headers: { 'content-type': 'text/csv; charset=iso-8859-1' } });
    expectProblem(latin1, 415, 'unsupported-media-type');
    const utf8 = await importCsv(org, 'units', csv('externalId;name;kind', 'A;B;unit'), { headers: { 'content-type': 'text/csv; charset=UTF-8' }, dryRun: true });
    expect(utf8.statusCode, utf8.body).toBe(200);
  });

  it('does not let a signed-in person deactivate themselves by import', async () => {
    const org = await newOrg();
    const { account, headers } = await signedInAs(t.db, org, ['hr']);
    await t.db.updateTable('people').set({ external_id: 'HR-ME' }).where('id', '=', account.personId).execute();
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/imports/people', payload: csv('externalId;name;active', 'HR-ME;Meg;nei'),
      headers: { ...headers, 'content-type': 'text/csv' },
    });
    expect(expectProblem(res, 422, 'import-invalid').errors).toEqual([
      { path: '/csv/2/active', message: expect.stringMatching(/you cannot deactivate yourself/), code: 'own-account' },
    ]);
  });
});
