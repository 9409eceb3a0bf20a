import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupResults, SurveyResults } from '@lagverk/shared';
import readExcelFile from 'read-excel-file/node';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createUnit, expectProblem } from './support/factories.ts';
import { createSurveyRound, createSurveyTemplate, many, respond, type QuestionSpec } from './support/survey-fixtures.ts';

// The XLSX export of a round's results: the CSV's lines in a workbook, read back here the
// way a spreadsheet would, so its figures, its hidden cells and its number cells are checked.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const questions: QuestionSpec[] = [
  { type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers' },
  { type: 'yesNo' },
  { type: 'choice', background: true, options: ['Sykepleier', 'Lærer', 'Annet'] },
  { type: 'text' },
  { type: 'scale', effectGoal: 'resourceEfficiency', indicator: 'Ressursbruk' },
];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The CSV's rows, its quoting undone (a field may hold `;`, `"` and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

async function download(roundId: string, format: 'csv' | 'xlsx', groupBy: string) {
  const res = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${roundId}/results.${format}?groupBy=${groupBy}` });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

const groupOf = (r: SurveyResults, id: string) => r.groups.find((g) => g.group.id === id)!;
const questionCell = (g: GroupResults, questionId: string) => g.questions.find((q) => q.questionId === questionId)!;

describe('XLSX export', () => {
  it('holds the CSV\'s lines: the same figures as number cells, hidden figures empty with their reason', async () => {
    const org = t.organisationId;
    const { templateId, questionIds: [q1, , background] } = await createSurveyTemplate(t.db, org, questions);
    const shown = await createUnit(t.app, org, { name: 'Lagvik skole' });
    const [a, b] = [await createUnit(t.app, org, { name: '=HYPERLINK("x")' }), await createUnit(t.app, org, { name: 'Nordbygda; skole' })];
    const round = await createSurveyRound(t.db, org, templateId, {});
    await respond(t.db, org, round, [
      ...many(7, { unitId: shown.id, answers: { [q1!]: 5, [background!]: 1 } }),
      ...many(6, { unitId: a.id, answers: { [q1!]: 4 } }),
      ...many(3, { unitId: b.id, answers: { [q1!]: 1 } }),
    ]);
    const json = (await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/results?groupBy=unit` })).json<SurveyResults>();
    const csv = parseCsv((await download(round, 'csv', 'unit')).body);
    const res = await download(round, 'xlsx', 'unit');
    expect(res.headers['content-type']).toBe(xlsxType);
    expect(res.headers['content-disposition']).toBe('attachment; filename="resultater.xlsx"');

    const sheets = await readExcelFile(res.rawPayload, { trim: false });
    expect(sheets.map((s) => s.sheet)).toEqual(['Resultater']);
    const [header, ...rows] = sheets[0]!.data;
    const [csvHeader, ...csvLines] = csv;
    expect(header).toEqual(csvHeader);
    expect(rows).toHaveLength(csvLines.length);
    const at = (name: string) => header!.indexOf(name);

    // Cell by cell the CSV's field: a number where the CSV has one (with its decimal comma),
    // text as the CSV writes it (save the quote that defuses a formula), nothing where it has nothing.
    const numeric = new Set(['position', 'n', 'mean']);
    rows.forEach((row, i) => {
      row.forEach((value, column) => {
        const field = csvLines[i]![column]!;
        if (value === null) expect(field, `${i}/${column}`).toBe('');
        else if (typeof value === 'number') {
          expect(numeric.has(header![column] as string)).toBe(true);
          expect(String(value).replace('.', ','), `${i}/${column}`).toBe(field);
        } else {
          expect(numeric.has(header![column] as string), `${i}/${column} is text`).toBe(false);
          expect(field.replace(/^'(?=[=+\-@])/, ''), `${i}/${column}`).toBe(value);
        }
      });
    });

    const line = (groupId: string | null, figure: string) =>
      rows.find((r) => r[at('groupId')] === groupId && r[at('figure')] === figure && (figure !== 'question' || r[at('questionId')] === q1))!;
    // 16 − 7 = 9 beside a shown Lagvik: the formula-named unit (6) by differencing, Nordbygda (3) below the minimum.
    for (const unit of [a.id, b.id]) {
      const cell = questionCell(groupOf(json, unit), q1!);
      expect(cell.suppressed).toBe(true);
      for (const figure of ['respondents', 'question', 'effectGoal', 'indicator']) {
        const l = line(unit, figure);
        expect([l[at('n')], l[at('mean')], l[at('distribution')]], figure).toEqual([null, null, null]);
        expect(l[at('hidden')]).toBe(cell.suppressed ? cell.reason : null);
      }
    }
    expect(line(a.id, 'question')[at('groupName')]).toBe('=HYPERLINK("x")');
    // No hidden line anywhere has a number.
    for (const r of rows.filter((r) => r[at('hidden')] !== null)) expect([r[at('n')], r[at('mean')], r[at('distribution')]]).toEqual([null, null, null]);

    const whole = line(null, 'question');
    expect([whole[at('n')], whole[at('mean')], whole[at('distribution')], whole[at('position')]]).toEqual([16, 3.88, '1:3 2:0 3:0 4:6 5:7', 1]);
    const lagvik = line(shown.id, 'effectGoal');
    expect([lagvik[at('effectGoal')], lagvik[at('n')], lagvik[at('mean')]]).toEqual(['unusedPotential', 7, 5]);
    // The background question is for the whole organisation only, as in the CSV.
    expect(rows.filter((r) => r[at('questionId')] === background).map((r) => r[at('group')])).toEqual(['organisation']);
  });

  it('answers 409 round-not-closed before the round has closed, and 404 for another organisation\'s round', async () => {
    const { templateId } = await createSurveyTemplate(t.db, t.organisationId, questions);
    for (const status of ['open', 'draft'] as const) {
      const round = await createSurveyRound(t.db, t.organisationId, templateId, { status, closesInDays: 3 });
      expectProblem(await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/results.xlsx` }), 409, 'round-not-closed');
    }
    const closed = await createSurveyRound(t.db, t.organisationId, templateId);
    const other = await createOrganisation(t.db);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/survey-rounds/${closed}/results.xlsx`, headers: as(other.id) }), 404);
    // The workbook of a round nobody answered: only the header, the whole's respondents and hidden figures.
    const empty = await readExcelFile((await download(closed, 'xlsx', 'none')).rawPayload);
    const [header, ...rows] = empty[0]!.data;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[header!.indexOf('hidden')]).toBe('belowMinimum');
  });
});
