import type { ApiError } from '../api/client.ts';

export type ProposalGap = 'assessment' | 'unitIds' | 'members';

/** What a refused proposal lacks, from the paths of its 422 `proposal-incomplete`. */
export function proposalGaps(error: ApiError): ProposalGap[] {
  if (error.code !== 'proposal-incomplete') return [];
  const gaps = new Set<ProposalGap>();
  for (const item of error.errors) {
    if (item.path.startsWith('/assessment')) gaps.add('assessment');
    else if (item.path.startsWith('/unitIds')) gaps.add('unitIds');
    else if (item.path.startsWith('/members')) gaps.add('members');
  }
  return [...gaps];
}
