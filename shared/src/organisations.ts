import Type, { type Static } from 'typebox';
import { Text, Timestamp, Uuid, Version, WrittenStandard } from './common.ts';

export const OrgNumber = Type.String({
  pattern: '^[0-9]{9}$',
  minLength: 9,
  maxLength: 9,
  description: 'The organisation number in Enhetsregisteret (nine digits).',
  examples: ['964950113'],
});

export const Organisation = Type.Object(
  {
    id: Uuid,
    name: Text(200, { examples: ['Lagverk kommune'] }),
    orgNumber: OrgNumber,
    writtenStandard: WrittenStandard,
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A municipality: the tenant every other row belongs to.' },
);
export type Organisation = Static<typeof Organisation>;

export const OrganisationPatch = Type.Object(
  {
    name: Type.Optional(Text(200)),
    orgNumber: Type.Optional(OrgNumber),
    writtenStandard: Type.Optional(WrittenStandard),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ writtenStandard: 'nn' }] },
);
export type OrganisationPatch = Static<typeof OrganisationPatch>;
