import Type from 'typebox';

/** Any text: an id that is no UUID names no resource, so it is a 404 (Okta's tests send such ids), not a 400. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const NoQuery = Type.Object({}, { additionalProperties: false });
