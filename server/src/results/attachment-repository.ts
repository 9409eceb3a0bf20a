import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AttachmentContentType, ResultAttachment } from '@lagverk/shared';
import type { DB, TeamResultAttachmentsTable } from '../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type AttachmentRow = Selectable<TeamResultAttachmentsTable>;

export function toAttachment(row: AttachmentRow): ResultAttachment {
  return {
    id: row.id,
    resultId: row.result_id,
    fileName: row.file_name,
    contentType: row.content_type as AttachmentContentType,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at.toISOString(),
  };
}

/** The result's attachments, oldest first; the result's own lookup decides whether it may be seen. */
export function listAttachments(db: Executor, organisationId: string, resultId: string) {
  return db.selectFrom('team_result_attachments').selectAll()
    .where('organisation_id', '=', organisationId).where('result_id', '=', resultId)
    .orderBy('created_at').orderBy('id')
    .execute();
}

export function findAttachment(db: Executor, organisationId: string, resultId: string, id: string) {
  return db.selectFrom('team_result_attachments').selectAll()
    .where('organisation_id', '=', organisationId).where('result_id', '=', resultId).where('id', '=', id)
    .executeTakeFirst();
}

/** The attachment's description with its bytes, in one read. */
export function findAttachmentWithContent(db: Executor, organisationId: string, resultId: string, id: string) {
  return db.selectFrom('team_result_attachments as a')
    .innerJoin('team_result_attachment_contents as c', (j) => j.onRef('c.organisation_id', '=', 'a.organisation_id').onRef('c.attachment_id', '=', 'a.id'))
    .selectAll('a').select('c.content')
    .where('a.organisation_id', '=', organisationId).where('a.result_id', '=', resultId).where('a.id', '=', id)
    .executeTakeFirst();
}
