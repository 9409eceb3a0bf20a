import type { ProblemFieldError } from '@lagverk/shared';
import { HttpProblem } from '../http/problem.ts';

/** A JSON pointer token: `~` and `/` escaped (RFC 6901). */
const pointerToken = (text: string) => text.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every problem found in a file, row by row. An import is all or nothing, so it collects
 * them all and refuses the file once, listing each as `/csv/<line>/<column>`.
 */
export class ImportErrors {
  private readonly entries: { line: number; error: ProblemFieldError }[] = [];
  private readonly lines = new Set<number>();

  /** `line` null: the file as a whole; `column` null: the row as a whole. */
  add(line: number | null, column: string | null, message: string, code: string): this {
    let path = '/csv';
    if (line !== null) path += `/${line}`;
    if (line !== null && column !== null) path += `/${pointerToken(column)}`;
    this.entries.push({ line: line ?? 0, error: { path: path.slice(0, 500), message: message.slice(0, 500), code } });
    if (line !== null) this.lines.add(line);
    return this;
  }

  get count() {
    return this.entries.length;
  }

  has(line: number) {
    return this.lines.has(line);
  }

  /** The 422 that refuses the file, its errors in file order. */
  refusal(): HttpProblem {
    const errors = this.entries.map((e, i) => ({ ...e, i })).sort((a, b) => a.line - b.line || a.i - b.i).map((e) => e.error);
    const lines = this.lines.size;
    const detail = lines > 0
      ? `The file has ${errors.length} error${errors.length === 1 ? '' : 's'} on ${lines} line${lines === 1 ? '' : 's'}; nothing was imported.`
      : `The file ${errors.map((e) => e.message).join('; ')}; nothing was imported.`;
    return new HttpProblem(422, 'import-invalid', 'Unprocessable request', detail.slice(0, 2000), { errors });
  }
}
