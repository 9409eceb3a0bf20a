import type { TeamStatus } from '@lagverk/shared';

// Which actions a status offers comes from the shared transition table
// (shared/src/team-lifecycle.ts), the one the server decides with.
export { allowedActions, needsReason, type TeamAction } from '@lagverk/shared';

export const statusColours: Record<TeamStatus, string> = {
  draft: 'neutral',
  proposed: 'info',
  approved: 'success',
  rejected: 'danger',
  active: 'success',
  paused: 'warning',
  concluded: 'neutral',
};
