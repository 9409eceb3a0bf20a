import type { IdentityProvider } from '@lagverk/shared';
import type { ApiError } from '../api/client.ts';
import { problemErrors, type FieldErrors } from '../forms/fieldErrors.ts';
import { requiredText } from '../forms/formValues.ts';

/** The provider form's inputs as strings (the checkboxes as 'true'/'false'). */
export interface ProviderFormValues extends Record<string, string> {
  name: string;
  issuer: string;
  clientId: string;
  /** A new secret; empty keeps the stored one. */
  clientSecret: string;
  removeSecret: string;
  scopes: string;
  matchBy: string;
  externalIdClaim: string;
  active: string;
}

export const emptyProviderValues = (): ProviderFormValues => ({
  name: '', issuer: '', clientId: '', clientSecret: '', removeSecret: 'false',
  scopes: 'openid email profile', matchBy: 'email', externalIdClaim: 'employeeId', active: 'true',
});

export const providerToValues = (provider: IdentityProvider): ProviderFormValues => ({
  name: provider.name,
  issuer: provider.issuer,
  clientId: provider.clientId,
  clientSecret: '',
  removeSecret: 'false',
  scopes: provider.scopes,
  matchBy: provider.matchBy,
  externalIdClaim: provider.externalIdClaim,
  active: String(provider.active),
});

/** The secret is sent only when typed (as typed: spaces may count), or null to remove it. */
export const providerPayload = (values: ProviderFormValues) => ({
  name: requiredText(values.name),
  issuer: requiredText(values.issuer),
  clientId: requiredText(values.clientId),
  ...(values.clientSecret ? { clientSecret: values.clientSecret } : values.removeSecret === 'true' ? { clientSecret: null } : {}),
  scopes: values.scopes.split(/\s+/).filter(Boolean).join(' '),
  matchBy: values.matchBy,
  externalIdClaim: requiredText(values.externalIdClaim),
  active: values.active === 'true',
});

// The server's refusals, in the form's own words.
const fieldCodes: Record<string, string> = { 'insecure-issuer': 'insecureIssuer', 'openid-required': 'openidRequired' };

export function providerFieldErrors(error: ApiError): FieldErrors {
  if (error.code === 'issuer-discovery-failed') return { issuer: { code: 'issuerUnreachable', params: {} } };
  const { fields } = problemErrors(error);
  for (const field of Object.values(fields)) field.code = fieldCodes[field.code] ?? field.code;
  return fields;
}
