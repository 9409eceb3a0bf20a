import type { Account } from '@lagverk/shared';
import type { ApiError } from '../api/client.ts';
import { problemErrors, type FieldErrors } from '../forms/fieldErrors.ts';
import { requiredText } from '../forms/formValues.ts';

/** The account form's inputs as strings; roles are space-separated. */
export interface AccountFormValues extends Record<string, string> {
  personId: string;
  email: string;
  roles: string;
  password: string;
}

export const emptyAccountValues = (personId = ''): AccountFormValues => ({ personId, email: '', roles: 'member', password: '' });

export const accountToValues = (account: Account): AccountFormValues => ({
  personId: account.personId,
  email: account.email,
  roles: account.roles.join(' '),
  password: '',
});

const listValue = (text: string): string[] => text.split(' ').filter(Boolean);

/** The password is sent as typed (spaces count) and only when one was given. */
export const accountPayload = (values: AccountFormValues) => ({
  personId: values.personId,
  email: requiredText(values.email),
  roles: listValue(values.roles),
  ...(values.password ? { password: values.password } : {}),
});

// The server's refusals name their field; say them in the form's own words.
const serverCodes: Record<string, [field: string, code: string]> = {
  'account-exists': ['personId', 'accountExists'],
  'person-inactive': ['personId', 'personInactive'],
  'email-taken': ['email', 'emailTaken'],
  'weak-password': ['password', 'weakPassword'],
  'own-account': ['roles', 'ownAccount'],
};

export function accountFieldErrors(error: ApiError): FieldErrors {
  const known = serverCodes[error.code];
  return known ? { [known[0]]: { code: known[1], params: {} } } : problemErrors(error).fields;
}
