import type { AuditEvent } from '@lagverk/shared';

// The audit trail records an activity's `details` as they were written, interview notes
// included. A caller who may read the trail but not the notes (an integration token with
// `audit:read` alone) gets the trail with each interview's notes left out, as every other
// path that returns an activity does.

const isInterview = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && 'pseudonym' in value && 'notes' in value;

const withoutNotes = (value: unknown) => (isInterview(value) ? { ...value, notes: null, notesHidden: true } : value);

export function withoutInterviewNotes<P extends { items: AuditEvent[] }>(page: P): P {
  return {
    ...page,
    items: page.items.map((event) => {
      const details = event.changes.details;
      if (event.entity !== 'change_activities' || !details) return event;
      return {
        ...event,
        changes: {
          ...event.changes,
          details: {
            ...details,
            ...('before' in details && { before: withoutNotes(details.before) }),
            ...('after' in details && { after: withoutNotes(details.after) }),
          },
        },
      };
    }),
  };
}
