import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import Type from 'typebox';
import {
  attachmentContentTypes, attachmentMaxCount, ResultAttachment, ResultAttachmentList, ResultAttachmentParams, TeamResultParams, type AttachmentContentType,
} from '@lagverk/shared';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { json, problemResponses } from '../http/responses.ts';
import { validatorCompiler } from '../http/validation.ts';
import { findAttachment, findAttachmentWithContent, listAttachments, toAttachment } from './attachment-repository.ts';
import { addAttachment, deleteAttachment } from './attachment-service.ts';
import { servedContentType } from './attachment-types.ts';
import { readUpload, uploadField } from './attachment-upload.ts';
import { findResult } from './repository.ts';

// Files attached to a team's result. The only routes that take multipart/form-data: the
// parser is registered in this plugin alone, so every other route stays JSON-only.

const tags = ['Results'];
const binary = { type: 'string', format: 'binary', maxLength: 100 * 1024 * 1024 } as const;

const UploadBody = Type.Object(
  { [uploadField]: Type.Unsafe<unknown>({ ...binary, description: 'The file, with its name and type (as a browser sends a file input).' }) },
  { additionalProperties: false },
);

const asciiLetters: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', Æ: 'AE', Ø: 'OE', Å: 'AA' };

/** `attachment; filename="…"` for old clients, `filename*` (RFC 6266/8187) with the real name in UTF-8. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName
    .replace(/[æøåÆØÅ]/g, (c) => asciiLetters[c] ?? '_')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const attachmentRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; maxBytes: number }> = async (app, { db, maxBytes }) => {
  // The upload body is read by its handler (readUpload), which checks it far more closely
  // than a schema can; the schema only documents it. Everything else is validated as usual.
  app.setValidatorCompiler((route) => (route.httpPart === 'body' ? () => true : validatorCompiler(route)));
  app.removeAllContentTypeParsers();
  await app.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } });
  // Any other body is left unread here and refused (415) by the handler, after the access
  // checks: someone outside the team's reach learns that first, not how to send a file.
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  async function existingResult(organisationId: string, teamId: string, resultId: string) {
    const result = await findResult(db, organisationId, teamId, resultId);
    if (!result) throw notFound('The result');
    return result;
  }

  app.get('/teams/:id/results/:resultId/attachments', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'listResultAttachments', tags, summary: "A result's attachments",
      description: `Every file attached to the result, oldest first (at most ${attachmentMaxCount}, so not paged), and \`limits\`: the largest file and the most files this installation takes.`,
      params: TeamResultParams,
      response: { 200: json(ResultAttachmentList, 'The attachments.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    const { id, resultId } = request.params;
    await existingResult(organisationId, id, resultId);
    const rows = await listAttachments(db, organisationId, resultId);
    return { items: rows.map(toAttachment), nextCursor: null, limits: { maxBytes, maxCount: attachmentMaxCount } };
  });

  app.post('/teams/:id/results/:resultId/attachments', {
    config: { permission: 'results:write', scope: 'team' },
    schema: {
      operationId: 'addResultAttachment', tags, summary: 'Attach a file to a result',
      description: `Send \`multipart/form-data\` with one file in the field \`${uploadField}\` (anything else is a 400 \`one-file-only\`; another body a 415). Allowed: PDF, PNG, JPEG, WebP, plain text, CSV, Word, Excel and PowerPoint (Office Open XML) and OpenDocument text, spreadsheet and presentation. The type is taken from the part's \`Content-Type\` (or, when that is \`application/octet-stream\`, from the name's ending) and must be one of these (415 \`attachment-type-not-allowed\`); the content must then be what the type says (422 \`attachment-content-mismatch\`: a program renamed to .pdf is refused), and the name must end as the type does (422 \`attachment-name-mismatch\`; a name without an ending gets one). At most \`ATTACHMENT_MAX_BYTES\` per file (10 MiB unless the installation says otherwise; 413 \`attachment-too-large\`), and ${attachmentMaxCount} files per result (409 \`too-many-attachments\`). A file the result already has (the same SHA-256) is refused with 409 \`attachment-exists\`, so a retried upload never stores a second copy; \`Idempotency-Key\` is not needed. Adds \`attachment.added\` to the team's timeline.`,
      consumes: ['multipart/form-data'],
      params: TeamResultParams, body: UploadBody,
      response: {
        201: json(ResultAttachment, 'The attachment as stored; `Location` names it.'),
        ...problemResponses(404, 409, 413, 415, 422),
      },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const { id, resultId } = request.params;
    // Found before the body is read: a missing result is a 404 whatever was sent.
    await existingResult(organisationId, id, resultId);
    const upload = await readUpload(request, maxBytes);
    const row = await addAttachment(db, organisationId, id, resultId, upload);
    return reply.code(201).header('location', `/api/v1/teams/${id}/results/${resultId}/attachments/${row.id}`).send(toAttachment(row));
  });

  app.get('/teams/:id/results/:resultId/attachments/:attachmentId', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'getResultAttachment', tags, summary: 'Get an attachment',
      description: 'What the file is: name, type, size and SHA-256. An attachment never changes (remove it and add another), so it has no version.',
      params: ResultAttachmentParams,
      response: { 200: json(ResultAttachment, 'The attachment.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    const { id, resultId, attachmentId } = request.params;
    await existingResult(organisationId, id, resultId);
    const row = await findAttachment(db, organisationId, resultId, attachmentId);
    if (!row) throw notFound('The attachment');
    return toAttachment(row);
  });

  app.get('/teams/:id/results/:resultId/attachments/:attachmentId/content', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'getResultAttachmentContent', tags, summary: "Download an attachment's file",
      description: 'The bytes exactly as uploaded, with the stored `Content-Type` (text as UTF-8 when it is), `Content-Disposition: attachment` with the file name (`filename*` in UTF-8 for names with æ, ø, å) and `X-Content-Type-Options: nosniff`, so a browser saves the file rather than running it. The SHA-256 from the attachment lets a client check what it got.',
      params: ResultAttachmentParams,
      response: {
        200: {
          description: 'The file.',
          headers: {
            'Content-Disposition': { type: 'string', maxLength: 2000, description: 'attachment, with `filename` and `filename*`.', example: "attachment; filename=\"Opplaeringsplan.pdf\"; filename*=UTF-8''Oppl%C3%A6ringsplan.pdf" },
          },
          content: Object.fromEntries(attachmentContentTypes.map((type) => [type, { schema: Type.Unsafe<Buffer>(binary) }])),
        },
        ...problemResponses(404),
      },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const { id, resultId, attachmentId } = request.params;
    await existingResult(organisationId, id, resultId);
    const row = await findAttachmentWithContent(db, organisationId, resultId, attachmentId);
    if (!row) throw notFound('The attachment');
    const bytes = Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength);
    return reply
      .header('content-type', servedContentType(row.content_type as AttachmentContentType, bytes))
      .header('content-disposition', contentDisposition(row.file_name))
      .header('x-content-type-options', 'nosniff')
      // Opened in the browser after all, the file may run nothing and load nothing.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-cache')
      .send(bytes);
  });

  app.delete('/teams/:id/results/:resultId/attachments/:attachmentId', {
    config: { permission: 'results:write', scope: 'team' },
    schema: {
      operationId: 'deleteResultAttachment', tags, summary: 'Remove an attachment',
      description: 'Removes the file and its content. An attachment never changes, so there is no version to match: `If-Match` is not needed. Adds `attachment.removed` (with the file name) to the team\'s timeline.',
      params: ResultAttachmentParams,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const { id, resultId, attachmentId } = request.params;
    await deleteAttachment(db, actorOf(request).organisationId, id, resultId, attachmentId);
    return reply.code(204).send(null);
  });
};
