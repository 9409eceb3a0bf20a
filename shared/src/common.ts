import Type, { type Static, type TSchema } from 'typebox';

// Primitives every resource is built from. Every string has a max length and every
// number a range (API.md), so the fuzz test and Spectral's OWASP rules find no gaps.

export const Uuid = Type.String({
  format: 'uuid',
  maxLength: 36,
  description: 'Server-generated UUID.',
  examples: ['0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21'],
});

export const Timestamp = Type.String({
  format: 'date-time',
  maxLength: 40,
  description: 'ISO 8601 timestamp in UTC.',
  examples: ['2026-11-25T13:00:00.000Z'],
});

export const Version = Type.Integer({
  format: 'int32',
  minimum: 1,
  maximum: 2147483647,
  description: 'Row version; sent back as the ETag and expected in If-Match.',
});

/** A required human-readable text: at least one non-space character. */
export function Text(maxLength: number, options: { description?: string; examples?: string[] } = {}) {
  return Type.String({ minLength: 1, maxLength, pattern: '\\S', ...options });
}

/** An optional text that may be cleared with null. */
export function NullableText(maxLength: number, options: { description?: string; examples?: string[] } = {}) {
  return Type.Union([Text(maxLength, options), Type.Null()]);
}

export const ExternalId = Type.String({
  minLength: 1,
  maxLength: 200,
  // No leading or trailing whitespace, no control characters: HR keys are compared exactly.
  pattern: '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$',
  description: "An integration's own key for the row (for example the HR system's employee number); unique per organisation.",
  examples: ['A-10442'],
});

export const Email = Type.String({ format: 'email', maxLength: 254, examples: ['kari.nordmann@kommune.no'] });

export const Phone = Type.String({
  minLength: 3,
  maxLength: 32,
  pattern: '^\\+?[0-9 ()-]{3,32}$',
  examples: ['+47 412 34 567'],
});

export const WrittenStandard = Type.Union([Type.Literal('nb'), Type.Literal('nn')], {
  description: 'The written standard of Norwegian the organisation uses: bokmål (nb) or nynorsk (nn).',
});
export type WrittenStandard = Static<typeof WrittenStandard>;

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const Limit = Type.Integer({ format: 'int32', minimum: 1, maximum: 200, default: 50, description: 'Page size (1–200).' });
export const Cursor = Type.String({
  minLength: 1,
  // It carries the last row's sort value: a 200-character name is up to 1200 bytes of JSON
  // (6 per escaped character), about 1700 in base64url. The server only hands out base64url.
  maxLength: 2048,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'Opaque cursor from the previous page\'s `nextCursor`.',
});
export const SearchText = Type.String({ minLength: 1, maxLength: 200, description: 'Free-text search.' });

export function Page<T extends TSchema>(item: T, description: string) {
  return Type.Object(
    {
      items: Type.Array(item, { maxItems: 200 }),
      nextCursor: Type.Union([Cursor, Type.Null()], {
        description: 'Pass as `cursor` to get the next page; null on the last page.',
      }),
    },
    { additionalProperties: false, description },
  );
}

export const ProblemFieldError = Type.Object(
  {
    path: Type.String({ maxLength: 500, pattern: '^/', description: 'JSON pointer into the request, such as /body/name.' }),
    message: Type.String({ maxLength: 500 }),
    code: Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9-]+$', description: 'Machine-readable reason (the JSON Schema keyword).' }),
  },
  { additionalProperties: false },
);
export type ProblemFieldError = Static<typeof ProblemFieldError>;

export const Problem = Type.Object(
  {
    type: Type.String({ maxLength: 200, pattern: '^urn:lagverk:problem:[a-z0-9-]+$', examples: ['urn:lagverk:problem:validation'] }),
    title: Type.String({ maxLength: 200 }),
    status: Type.Integer({ format: 'int32', minimum: 400, maximum: 599 }),
    detail: Type.String({ maxLength: 2000 }),
    instance: Type.String({ maxLength: 2000, pattern: '^/', description: 'The path of the request.' }),
    code: Type.String({ maxLength: 64, pattern: '^[a-z0-9-]+$', description: 'Stable machine-readable error code.' }),
    requestId: Type.String({ maxLength: 100, pattern: '^[A-Za-z0-9._-]+$', description: 'Quote it when reporting a problem; it is in the logs.' }),
    errors: Type.Optional(Type.Array(ProblemFieldError, { maxItems: 200 })),
    currentVersion: Type.Optional(Version),
    allowed: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
  },
  {
    additionalProperties: false,
    description: 'RFC 9457 problem details.',
    examples: [
      {
        type: 'urn:lagverk:problem:validation',
        title: 'Invalid request',
        status: 400,
        detail: 'The request has 1 invalid field.',
        instance: '/api/v1/units',
        code: 'validation',
        requestId: 'req-1',
        errors: [{ path: '/body/name', message: 'must NOT have fewer than 1 characters', code: 'minLength' }],
      },
    ],
  },
);
export type Problem = Static<typeof Problem>;

export const IfMatchHeaders = Type.Object(
  {
    'if-match': Type.Optional(
      Type.String({ maxLength: 100, description: 'The ETag of the version you edited. Required; a stale one gets 412.' }),
    ),
  },
  { additionalProperties: true },
);

export const IdempotencyHeaders = Type.Object(
  {
    'idempotency-key': Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        pattern: '^[\\x21-\\x7e]+$',
        description: 'Repeat a create safely: the same key with the same body returns the first response.',
      }),
    ),
  },
  { additionalProperties: true },
);

/** The orders every list offers; a leading minus sorts descending. */
export const sortOptions = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type SortOption = (typeof sortOptions)[number];
export const ListSort = Type.Union(
  [
    Type.Literal('name'), Type.Literal('-name'),
    Type.Literal('createdAt'), Type.Literal('-createdAt'),
    Type.Literal('updatedAt'), Type.Literal('-updatedAt'),
  ],
  { default: 'name', description: 'Order; a leading minus sorts descending.' },
);

/** A calendar date without time, YYYY-MM-DD. */
export const IsoDate = Type.String({ format: 'date', maxLength: 10, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-01-15'] });
