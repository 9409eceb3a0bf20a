import { attachmentTypes, type AttachmentContentType } from '@lagverk/shared';
import type { FastifyRequest } from 'fastify';
import { badRequest, HttpProblem, unprocessable } from '../http/problem.ts';
import { contentMatches, declaredType, extensionOf } from './attachment-types.ts';

// Reads the one file of an upload (multipart/form-data, field `file`) into memory, and
// refuses it unless it is an allowed type whose content is what the type says. The limits
// are busboy's, so a file over the limit is cut off as it streams in, never buffered whole.

export interface Upload {
  fileName: string;
  contentType: AttachmentContentType;
  bytes: Buffer;
}

export const uploadField = 'file';
const maxFileNameLength = 255;

const typeList = 'PDF, PNG, JPEG, WebP, plain text, CSV, Word, Excel and PowerPoint (Office Open XML) and OpenDocument files';

const notMultipart = (request: FastifyRequest) =>
  new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type',
    `Send the file as multipart/form-data with one field named ${uploadField}, not ${(request.headers['content-type'] ?? '(none)').slice(0, 100)}.`);

const oneFileOnly = () =>
  badRequest('one-file-only', `Send exactly one file, in a field named ${uploadField}, and nothing else.`,
    [{ path: `/body/${uploadField}`, message: 'must be the only part of the form', code: 'one-file-only' }]);

/** The multipart parser's refusals, as problems; anything it throws is about the request, not a bug here. */
function uploadProblem(request: FastifyRequest, error: unknown, maxBytes: number): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const errors = request.server.multipartErrors;
  if (error instanceof errors.RequestFileTooLargeError) {
    return new HttpProblem(413, 'attachment-too-large', 'Body too large',
      `The file is larger than ${maxBytes} bytes, the most this installation takes (ATTACHMENT_MAX_BYTES).`);
  }
  if (error instanceof errors.FilesLimitError || error instanceof errors.FieldsLimitError || error instanceof errors.PartsLimitError) {
    return oneFileOnly();
  }
  return badRequest('malformed-multipart', 'The body is not valid multipart/form-data.');
}

/** A file name fit to store and to offer on download: its own name only, no control characters. */
function cleanFileName(raw: string): string {
  // Browsers on macOS send decomposed letters (a + ring for å); stored composed, they compare and sort as typed.
  const name = [...raw.normalize('NFC')].filter((c) => c >= ' ' && c !== '\u007f').join('').trim();
  if (name === '' || name === '.' || name === '..') {
    throw badRequest('attachment-missing', `Choose a file to send in the field ${uploadField}.`,
      [{ path: `/body/${uploadField}`, message: 'must be a file with a name', code: 'required' }]);
  }
  if ([...name].length > maxFileNameLength) {
    throw badRequest('attachment-name-too-long', `The file name is longer than ${maxFileNameLength} characters; rename the file.`,
      [{ path: `/body/${uploadField}`, message: `file name must be at most ${maxFileNameLength} characters`, code: 'maxLength' }]);
  }
  return name;
}

/** Checks a received file: its type, its content against the type, and its name against both. */
export function checkUpload(rawName: string, mimeType: string, bytes: Buffer): Upload {
  let fileName = cleanFileName(rawName);
  if (bytes.length === 0) throw unprocessable('attachment-empty', 'The file is empty.');
  const contentType = declaredType(mimeType, fileName);
  if (!contentType) {
    throw new HttpProblem(415, 'attachment-type-not-allowed', 'Unsupported media type',
      `${typeList} can be attached; this file is ${mimeType.slice(0, 100) || 'of no stated type'}.`);
  }
  if (!contentMatches(contentType, bytes)) {
    throw unprocessable('attachment-content-mismatch', `The file's content is not what its type (${contentType}) says it is.`);
  }
  const extensions = attachmentTypes[contentType] as readonly string[];
  const extension = extensionOf(fileName);
  // A name with no ending gets the type's, so the file opens in the right program once downloaded.
  if (extension === '') fileName = `${fileName}${extensions[0]}`;
  else if (!extensions.includes(extension)) {
    throw unprocessable('attachment-name-mismatch', `A ${contentType} file must be named ${extensions.join(' or ')}, not ${extension.slice(0, 20)}.`);
  }
  if ([...fileName].length > maxFileNameLength) {
    throw badRequest('attachment-name-too-long', `The file name is longer than ${maxFileNameLength} characters; rename the file.`,
      [{ path: `/body/${uploadField}`, message: `file name must be at most ${maxFileNameLength} characters`, code: 'maxLength' }]);
  }
  return { fileName, contentType, bytes };
}

/** The upload's one file, checked; a problem (400, 413, 415, 422) when there is none or it is refused. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) throw notMultipart(request);
  let received: { name: string; mimeType: string; bytes: Buffer } | null = null;
  try {
    const parts = request.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1, fieldNameSize: 100, headerPairs: 20 },
    });
    for await (const part of parts) {
      if (part.type !== 'file' || part.fieldname !== uploadField || received) throw oneFileOnly();
      received = { name: part.filename, mimeType: part.mimetype, bytes: await part.toBuffer() };
    }
  } catch (error) {
    throw uploadProblem(request, error, maxBytes);
  }
  if (!received) {
    throw badRequest('attachment-missing', `Send the file in a multipart/form-data field named ${uploadField}.`,
      [{ path: `/body/${uploadField}`, message: 'is required', code: 'required' }]);
  }
  return checkUpload(received.name, received.mimeType, received.bytes);
}
