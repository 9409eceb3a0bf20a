/** The date (YYYY-MM-DD) at `at` where the municipalities are: a day in Norway, whatever the server's time zone. */
export function osloDate(at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
