import type { FastifyInstance } from 'fastify';
import { maxCount } from './list.ts';
import { IdParams, NoQuery } from './params.ts';
import { baseUrlOf, sendScim } from './reply.ts';
import { scimNotFound } from './errors.ts';
import {
  enterpriseUserResourceSchema, enterpriseUserSchema, groupResourceSchema, groupSchema, listResponseSchema, userResourceSchema, userSchema,
  type ResourceSchema,
} from './schemas.ts';

// What the service offers (RFC 7644 §4), for clients that look before they provision.
// Static: it describes this code, not any organisation's data.

const serviceProviderConfig = (baseUrl: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: maxCount },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: true },
  authenticationSchemes: [{
    type: 'oauthbearertoken',
    name: 'Integration token',
    description: 'An integration token made by an administrator of Lagverk, sent as Authorization: Bearer <token>. Users need the people:read and people:write scopes, Groups units:read and units:write.',
    primary: true,
  }],
  meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
});

const resourceTypes = (baseUrl: string) => [
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User', name: 'User', endpoint: '/Users', description: 'People of the organisation.', schema: userSchema,
    schemaExtensions: [{ schema: enterpriseUserSchema, required: false }],
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
  },
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'Group', name: 'Group', endpoint: '/Groups', description: 'Units of the organisation.', schema: groupSchema,
    schemaExtensions: [],
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
  },
];

const schemaResource = (schema: ResourceSchema, baseUrl: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
  ...schema,
  meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
});
const allSchemas = [userResourceSchema, enterpriseUserResourceSchema, groupResourceSchema];

const listOf = (resources: object[]) =>
  ({ schemas: [listResponseSchema], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources });

const config = { permission: 'authenticated' as const };

export function discoveryRoutes(app: FastifyInstance) {
  const schema = { hide: true, querystring: NoQuery };
  app.get('/ServiceProviderConfig', { config, schema }, (request, reply) => sendScim(reply, 200, serviceProviderConfig(baseUrlOf(request))));
  app.get('/ResourceTypes', { config, schema }, (request, reply) => sendScim(reply, 200, listOf(resourceTypes(baseUrlOf(request)))));
  app.get('/ResourceTypes/:id', { config, schema: { ...schema, params: IdParams } }, (request, reply) => {
    const { id } = request.params as { id: string };
    const found = resourceTypes(baseUrlOf(request)).find((t) => t.id === id);
    if (!found) throw scimNotFound(`Resource type ${id}`);
    return sendScim(reply, 200, found);
  });
  app.get('/Schemas', { config, schema }, (request, reply) => sendScim(reply, 200, listOf(allSchemas.map((s) => schemaResource(s, baseUrlOf(request))))));
  app.get('/Schemas/:id', { config, schema: { ...schema, params: IdParams } }, (request, reply) => {
    const { id } = request.params as { id: string };
    const found = allSchemas.find((s) => s.id === id);
    if (!found) throw scimNotFound(`Schema ${id}`);
    return sendScim(reply, 200, schemaResource(found, baseUrlOf(request)));
  });
}
