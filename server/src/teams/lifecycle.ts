import { allowedActions, transitions, type TeamAction, type TeamStatus } from '@lagverk/shared';
import { conflict } from '../http/problem.ts';

// The transition table itself is in shared/src/team-lifecycle.ts, so the web client
// offers exactly the actions the server allows.
export { allowedActions, assessmentEditable, editableFields, frameworkFields, membersEditable, teamActions, transitions } from '@lagverk/shared';
export type { TeamAction } from '@lagverk/shared';

/** The status after `action`, or a 409 that lists what is allowed from `status`. */
export function nextStatus(status: TeamStatus, action: TeamAction): TeamStatus {
  const transition = transitions[action];
  if (transition.from.includes(status)) return transition.to;
  const allowed = allowedActions(status);
  throw conflict('illegal-transition',
    `A ${status} team cannot ${action}. ${allowed.length ? `Allowed now: ${allowed.join(', ')}.` : 'No action is allowed now.'}`,
    { allowed });
}
