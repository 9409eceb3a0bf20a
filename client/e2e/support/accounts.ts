// The demo municipality's accounts (server/src/seed), and the password the browser tests
// give the server (DEMO_PASSWORD) so every one of them can sign in.

export const demoPassword = 'e2e-testpassord-lagvik-2026';

export const demoAccounts = {
  admin: 'admin@lagvik.kommune.no',
  chiefExecutive: 'radmann@lagvik.kommune.no',
  hr: 'hr@lagvik.kommune.no',
  unitManager: 'leder@lagvik.kommune.no',
  coordinator: 'koordinator@lagvik.kommune.no',
  member: 'ansatt@lagvik.kommune.no',
  representative: 'tillitsvalgt@lagvik.kommune.no',
  politician: 'politiker@lagvik.kommune.no',
} as const;

export type DemoAccount = keyof typeof demoAccounts;
