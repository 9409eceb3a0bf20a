import type { ChangeProcess, ChangeProcessMemberInput, ChangeProcessPhaseInput, ProblemFieldError } from '@lagverk/shared';

// The form's editable lists and the checks made before saving. A phase keeps the id it
// came with, so saving sends it back and the server keeps the activities linked to it.

export interface PhaseDraft {
  /** A stable key for Vue, also for new phases that have no id yet. */
  key: number;
  id: string | null;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
}

let nextKey = 0;
export const newPhase = (): PhaseDraft => ({ key: nextKey++, id: null, name: '', description: '', startsOn: '', endsOn: '' });
export const phaseDrafts = (process: ChangeProcess): PhaseDraft[] =>
  process.phases.map((p) => ({ key: nextKey++, id: p.id, name: p.name, description: p.description ?? '', startsOn: p.startsOn, endsOn: p.endsOn }));

export const phasePayload = (phases: PhaseDraft[]): ChangeProcessPhaseInput[] => phases.map((p) => ({
  ...(p.id && { id: p.id }), name: p.name.trim(), description: p.description.trim() || null, startsOn: p.startsOn, endsOn: p.endsOn,
}));

export type FieldProblem = 'required' | 'endsBeforeStart';

/** The field ids (as in the form) with what is wrong with them, in the form's order. */
export function checkForm(values: { title: string; mandate: string }, phases: PhaseDraft[]): Map<string, FieldProblem> {
  const found = new Map<string, FieldProblem>();
  if (!values.title.trim()) found.set('cp-title', 'required');
  if (!values.mandate.trim()) found.set('cp-mandate', 'required');
  phases.forEach((p, i) => {
    if (!p.name.trim()) found.set(`cp-phase-${i}-name`, 'required');
    if (!p.startsOn) found.set(`cp-phase-${i}-startsOn`, 'required');
    if (!p.endsOn) found.set(`cp-phase-${i}-endsOn`, 'required');
    else if (p.startsOn && p.endsOn < p.startsOn) found.set(`cp-phase-${i}-endsOn`, 'endsBeforeStart');
  });
  return found;
}

/** The form field a server's field error points at (`/body/phases/1/endsOn` → `cp-phase-1-endsOn`). */
export function fieldOf(error: ProblemFieldError, members: ChangeProcessMemberInput[]): string {
  const [, , field, index, part] = error.path.split('/');
  if (field === 'phases' && index !== undefined) return `cp-phase-${index}-${part === 'id' || !part ? 'name' : part}`;
  if (field === 'projectGroup' && index !== undefined) return members[Number(index)] ? `cp-member-${index}-role` : 'cp-new-member';
  if (field === 'affectedUnitIds') return 'cp-units';
  return `cp-${field ?? 'title'}`;
}
