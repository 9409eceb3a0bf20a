import fc from 'fast-check';

// A fast-check arbitrary from a JSON Schema, covering the keywords our TypeBox schemas
// produce in the OpenAPI document. With `edges`, leaves sometimes take boundary values
// (empty, max length, max + 1, out of range, NUL, emoji) and objects sometimes lose a
// required field or gain an unknown one, so the same schema drives both the success
// paths and the refusals.

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  [keyword: string]: unknown;
}

export interface SchemaArbitraryOptions {
  /** Mix in boundary and just-invalid values. */
  edges?: boolean;
  /** Where `format: uuid` values come from, for example ids of rows that exist. */
  uuid?: fc.Arbitrary<string>;
}

/** Length as JSON Schema counts it: in code points, not UTF-16 units. */
const codePoints = (s: string) => [...s].length;

const unicodeText = (minLength: number, maxLength: number) =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme-ascii' }) },
      { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'binary' }) },
    )
    .filter((s) => codePoints(s) >= minLength && codePoints(s) <= maxLength);

function stringArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 50);
  const fits = (s: string) =>
    codePoints(s) >= min && codePoints(s) <= max && (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
  const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });
  if (schema.format === 'uuid') return options.uuid ?? fc.uuid();
  if (schema.format === 'email') return fc.emailAddress().filter(fits);
  if (schema.format === 'date-time') return dates.map((d) => d.toISOString());
  if (schema.format === 'date') return dates.map((d) => d.toISOString().slice(0, 10));
  if (!schema.pattern) return unicodeText(min, Math.min(max, 2000));
  const fromPattern = fc.stringMatching(new RegExp(schema.pattern), { size: 'small' }).filter(fits);
  // An anchored pattern shapes the whole value (phone, org number): random text would
  // almost never match it. An unanchored one (\S) only asks for one character.
  if (schema.pattern.startsWith('^')) return fromPattern;
  return fc.oneof(fromPattern, unicodeText(min, Math.min(max, 2000)).filter(fits));
}

function stringEdges(schema: JsonSchema): fc.Arbitrary<unknown> {
  const max = schema.maxLength ?? 100;
  const min = schema.minLength ?? 0;
  return fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\t\n',
    '\u202e\u200b',
    '\ufeff',
    'x'.repeat(max),
    'x'.repeat(max + 1),
    'ø'.repeat(max),
    '😀'.repeat(max),
    '😀'.repeat(max + 1),
    'e\u0301'.repeat(Math.ceil(max / 2)),
    'x'.repeat(Math.max(0, min - 1)),
    ' padded ',
    "'; drop table units; --",
    '\\',
    '"',
    '%00',
    '../../etc/passwd',
  );
}

function numberEdges(schema: JsonSchema): fc.Arbitrary<unknown> {
  const values: unknown[] = [0, -1, 1.5, -0, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_SAFE_INTEGER, '1', true, null];
  if (schema.minimum !== undefined) values.push(schema.minimum, schema.minimum - 1);
  if (schema.maximum !== undefined) values.push(schema.maximum, schema.maximum + 1);
  return fc.constantFrom(...values);
}

function objectArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries(properties)) model[name] = schemaArbitrary(sub, options);
  let record: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: [...required] });
  if (schema.minProperties) {
    const minProperties = schema.minProperties;
    record = record.filter((o) => Object.keys(o).length >= minProperties);
  }
  if (schema.additionalProperties !== false) {
    const extra =
      schema.additionalProperties && schema.additionalProperties !== true
        ? schemaArbitrary(schema.additionalProperties, options)
        : fc.jsonValue({ maxDepth: 1 });
    record = fc
      .tuple(record, fc.dictionary(fc.string({ maxLength: 10 }), extra, { maxKeys: 2 }))
      .map(([known, more]) => ({ ...more, ...known }));
  }
  if (!options.edges) return record;
  // Near misses: a required field missing, or a field nobody declared.
  const names = Object.keys(properties);
  return fc.oneof(
    { weight: 4, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc.tuple(record, fc.nat()).map(([o, i]) => {
        const copy = { ...o };
        if (names.length > 0) delete copy[names[i % names.length]!];
        return copy;
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          record,
          fc.constantFrom('unknownField', 'id', 'organisationId', 'version', 'constructor'),
          fc.jsonValue({ maxDepth: 1 }),
        )
        .map(([o, key, value]) => ({ ...o, [key]: value })),
    },
  );
}

/** Values that satisfy `schema` (and, with `edges`, values on and just past its limits). */
export function schemaArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, options);
  if (!options.edges) return valid;
  const type = typeof schema.type === 'string' ? schema.type : undefined;
  if (type === 'string') return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: stringEdges(schema) });
  if (type === 'integer' || type === 'number')
    return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: numberEdges(schema) });
  return valid;
}

function validArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    // The branches inherit what the parent says about them (TypeBox puts `type` beside anyOf).
    const { anyOf: _a, oneOf: _o, ...shared } = schema;
    return fc.oneof(...branches.map((branch) => schemaArbitrary({ ...shared, ...branch }, options)));
  }
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type) => schemaArbitrary({ ...schema, type }, options)));
  }
  switch (schema.type) {
    case 'object':
      return objectArbitrary(schema, options);
    case 'string':
      return stringArbitrary(schema, options);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? schemaArbitrary(schema.items, options) : fc.jsonValue({ maxDepth: 1 }), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case undefined:
    default:
      // No type (or one we do not know): the schema accepts any JSON.
      return fc.jsonValue({ maxDepth: 2 });
  }
}
