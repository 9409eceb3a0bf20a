import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { attachmentMaxCount } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { conflict, notFound } from '../http/problem.ts';
import { recordEvent } from '../teams/events.ts';
import { findAttachment, type AttachmentRow } from './attachment-repository.ts';
import type { Upload } from './attachment-upload.ts';
import { lockResult } from './service.ts';

// Adding and removing a result's files. Like every write to a team's results, each locks
// the team's row first, so the count of files cannot be overtaken by a parallel upload,
// and leaves an event in the team's timeline in the same transaction.

export function addAttachment(db: Kysely<DB>, organisationId: string, teamId: string, resultId: string, upload: Upload): Promise<AttachmentRow> {
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  return db.transaction().execute(async (trx) => {
    const result = await lockResult(trx, organisationId, teamId, resultId);
    const existing = await trx.selectFrom('team_result_attachments').select(['id', 'sha256', 'file_name'])
      .where('organisation_id', '=', organisationId).where('result_id', '=', resultId).execute();
    const same = existing.find((a) => a.sha256 === sha256);
    // An upload sent again (a retry after a lost answer) is refused, naming its first copy, instead of stored twice.
    if (same) {
      throw conflict('attachment-exists', `The result already has this file, as «${same.file_name}» (attachment ${same.id}).`);
    }
    if (existing.length >= attachmentMaxCount) {
      throw conflict('too-many-attachments', `A result can have at most ${attachmentMaxCount} attachments; remove one first.`);
    }
    const row = await trx.insertInto('team_result_attachments')
      .values({
        organisation_id: organisationId, result_id: resultId, file_name: upload.fileName, content_type: upload.contentType,
        size: upload.bytes.length, sha256,
      })
      .returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('team_result_attachment_contents')
      .values({ organisation_id: organisationId, attachment_id: row.id, content: upload.bytes })
      .execute();
    await recordEvent(trx, organisationId, {
      teamId, kind: 'attachment.added', data: { resultId, title: result.title, attachmentId: row.id, fileName: row.file_name },
    });
    return row;
  });
}

export function deleteAttachment(db: Kysely<DB>, organisationId: string, teamId: string, resultId: string, id: string) {
  return db.transaction().execute(async (trx) => {
    const result = await lockResult(trx, organisationId, teamId, resultId);
    const attachment = await findAttachment(trx, organisationId, resultId, id);
    if (!attachment) throw notFound('The attachment');
    // The bytes go with it (on delete cascade).
    await trx.deleteFrom('team_result_attachments').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
    await recordEvent(trx, organisationId, {
      teamId, kind: 'attachment.removed', data: { resultId, title: result.title, attachmentId: id, fileName: attachment.file_name },
    });
  });
}
