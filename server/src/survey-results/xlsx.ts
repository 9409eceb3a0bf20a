import type { SurveyResults } from '@lagverk/shared';
import writeExcelFile, { type Cell, type SheetData } from 'write-excel-file/node';
import { resultsCsvColumns, resultsLines, type ResultsLine } from './csv.ts';

// The results as an Excel workbook: the very lines of the CSV (csv.ts), so the same
// figures hidden with the same reason and no number, in one sheet under the same column
// headers. Counts and means are number cells, so a spreadsheet can sum and chart them.

/** The sheet's name: at most 31 characters and none of []:*?/\ as Excel demands. */
export const resultsSheetName = 'Resultater';

/** Column widths, in characters, for the CSV's columns in order. */
const widths: Record<(typeof resultsCsvColumns)[number], number> = {
  group: 13, groupId: 38, groupName: 28, figure: 12, questionId: 38, position: 9, question: 60,
  effectGoal: 24, indicator: 28, n: 7, mean: 7, distribution: 24, hidden: 14,
};

/**
 * A cell: a number as a number, text as text, nothing (a hidden figure, a column that does
 * not apply) empty. Text is always a text cell, never a formula, so a unit named `=…` is
 * shown as written and never run: the CSV's defusing quote is not needed here.
 */
function cell(value: ResultsLine[keyof ResultsLine]): Cell {
  if (value === null) return null;
  return typeof value === 'number' ? { value, type: Number } : { value, type: String };
}

export function resultsXlsx(results: SurveyResults): Promise<Buffer> {
  const header = resultsCsvColumns.map((column) => ({ value: column, type: String, fontWeight: 'bold' as const }));
  const data: SheetData = [header, ...resultsLines(results).map((line) => resultsCsvColumns.map((column) => cell(line[column])))];
  return writeExcelFile(data, {
    sheet: resultsSheetName,
    stickyRowsCount: 1,
    columns: resultsCsvColumns.map((column) => ({ width: widths[column] })),
  }).toBuffer();
}
