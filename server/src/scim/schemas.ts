// The SCIM attributes Lagverk understands, in RFC 7643 §7's form. /Schemas publishes them
// as they are, and requests are read with them: a known attribute's name is matched
// whatever its case (SCIM names are case-insensitive) and whether it holds a list.
// Anything else a client sends (addresses, locale, manager, …) is accepted and ignored,
// since Entra ID and Okta send whatever their attribute mapping holds.

export const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const enterpriseUserSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const listResponseSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface AttributeDefinition {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: AttributeDefinition[];
  canonicalValues?: string[];
  referenceTypes?: string[];
}

function attribute(name: string, type: AttributeDefinition['type'], description: string, options: Partial<AttributeDefinition> = {}): AttributeDefinition {
  return {
    name, type, multiValued: false, description, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none',
    ...options,
  };
}

export interface ResourceSchema {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

export const userResourceSchema: ResourceSchema = {
  id: userSchema,
  name: 'User',
  description: 'A person employed by the organisation.',
  attributes: [
    attribute('userName', 'string', "The email the person signs in with (their account's email). Unique in the organisation, whatever its case.", {
      required: true, uniqueness: 'server',
    }),
    attribute('name', 'complex', "The person's name. Lagverk keeps one name: givenName is all but its last word, familyName the last word.", {
      subAttributes: [
        attribute('formatted', 'string', 'The full name.'),
        attribute('givenName', 'string', 'Given name(s).'),
        attribute('familyName', 'string', 'Family name.'),
      ],
    }),
    attribute('displayName', 'string', "The person's name as shown in Lagverk."),
    attribute('title', 'string', 'Job title.'),
    attribute('active', 'boolean', 'False once the person has left: their account is deactivated, and history still refers to them.'),
    attribute('emails', 'complex', 'The work email (one is kept; it defaults to userName).', {
      multiValued: true,
      subAttributes: [
        attribute('value', 'string', 'The email address.'),
        attribute('type', 'string', 'Always work.', { canonicalValues: ['work'] }),
        attribute('primary', 'boolean', 'Always true.'),
      ],
    }),
    attribute('phoneNumbers', 'complex', 'The work phone number (one is kept).', {
      multiValued: true,
      subAttributes: [
        attribute('value', 'string', 'The phone number, such as +47 412 34 567.'),
        attribute('type', 'string', 'Always work.', { canonicalValues: ['work'] }),
      ],
    }),
  ],
};

export const enterpriseUserResourceSchema: ResourceSchema = {
  id: enterpriseUserSchema,
  name: 'EnterpriseUser',
  description: 'Enterprise User. Only employeeNumber is kept, as externalId.',
  attributes: [
    attribute('employeeNumber', 'string', "The HR system's employee number; kept as externalId when no externalId is sent.", { caseExact: true }),
  ],
};

export const groupResourceSchema: ResourceSchema = {
  id: groupSchema,
  name: 'Group',
  description: 'A unit of the organisation; its members are the active people placed in it.',
  attributes: [
    attribute('displayName', 'string', "The unit's name.", { required: true }),
    attribute('members', 'complex', 'The active people in the unit. A person is in one unit: adding them here moves them from their previous one.', {
      multiValued: true,
      subAttributes: [
        attribute('value', 'string', "The User's id.", { caseExact: true, mutability: 'immutable' }),
        attribute('display', 'string', "The User's name.", { mutability: 'readOnly' }),
        attribute('$ref', 'reference', "The User's URI.", { mutability: 'readOnly', referenceTypes: ['User'] }),
      ],
    }),
  ],
};

/** What request reading needs of a resource type: its core and extension schemas and its attribute names. */
export interface ResourceShape {
  coreSchema: string;
  extensionSchemas: string[];
  /** Lower-case name → canonical spelling, for every known attribute and sub-attribute. */
  names: Map<string, string>;
  /** Canonical names of the attributes that hold a list. */
  multiValued: Set<string>;
}

const commonAttributes = ['id', 'externalId', 'meta', 'schemas', 'value', 'display', 'type', 'primary'];

function shapeOf(core: ResourceSchema, extensions: ResourceSchema[]): ResourceShape {
  const names = new Map(commonAttributes.map((n) => [n.toLowerCase(), n]));
  const multiValued = new Set<string>();
  const visit = (definitions: AttributeDefinition[]) => {
    for (const d of definitions) {
      names.set(d.name.toLowerCase(), d.name);
      if (d.multiValued) multiValued.add(d.name);
      if (d.subAttributes) visit(d.subAttributes);
    }
  };
  for (const schema of [core, ...extensions]) visit(schema.attributes);
  return { coreSchema: core.id, extensionSchemas: extensions.map((s) => s.id), names, multiValued };
}

export const userShape = shapeOf(userResourceSchema, [enterpriseUserResourceSchema]);
export const groupShape = shapeOf(groupResourceSchema, []);

/** `name` in its canonical spelling when the attribute is known; as sent otherwise. */
export const canonicalName = (shape: ResourceShape, name: string) => shape.names.get(name.toLowerCase()) ?? name;

/** The extension schema URN `name` is, in its canonical spelling, if it is one. */
export const extensionNamed = (shape: ResourceShape, name: string) =>
  shape.extensionSchemas.find((urn) => urn.toLowerCase() === name.toLowerCase());

/**
 * A copy of a client's resource with every known attribute name spelt canonically (one
 * level into complex values and extensions), so the mapping reads `userName` whatever the
 * client wrote.
 */
export function canonicalResource(shape: ResourceShape, resource: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    const extension = extensionNamed(shape, key);
    out[extension ?? canonicalName(shape, key)] = canonicalValue(shape, value, extension !== undefined);
  }
  return out;
}

/** `value` with known attribute names spelt canonically; `deep` for an extension's attributes. */
export function canonicalValue(shape: ResourceShape, value: unknown, deep = false): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalValue(shape, item, false));
  if (!isObject(value)) return value;
  if (deep) return canonicalResource(shape, value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [canonicalName(shape, k), v]));
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
