import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/types.ts';

// The experience library of a large installation's municipality: 50,000 experiences made by
// one INSERT … SELECT over generate_series, their texts combined from Norwegian pools by
// arithmetic on the row number (the same every run). The search document of each is made
// by the table's trigger, as for any experience. The word the scenario searches for
// ("lærlinger", stemmed to "lærling") is in about one in six.

/** What the search scenario looks for; run.ts puts it in the path. */
export const experienceSearchWord = 'lærlinger';

const titles = ['Lærling i to virksomheter', 'Felles turnus for helgene', 'Digitalt tilsyn om natten', 'Hverdagsrehabilitering etter sykehusopphold',
  'Tidlig innsats i barnehagen', 'Faste tverrfaglige møter', 'Heltidskultur i hjemmetjenesten', 'Frivillige på sykehjemmet',
  'Felles opplæring i velferdsteknologi', 'Digitale skjema for byggesak', 'Oppfølging av nyansatte', 'Samarbeid med NAV om unge'];
const tried = ['Vi lot lærlingene rotere mellom to virksomheter med hver sin veileder.', 'Vi satte opp felles turnus på tvers av avdelingene.',
  'Vi tok i bruk sensorer og kamera som varsler nattevakten.', 'Ergoterapeut og hjemmesykepleie la en felles plan sammen med brukeren.',
  'Helsesykepleier og pedagogisk leder kartla barna sammen.', 'Hver fjortende dag møttes fagfolk fra fire tjenester om enkeltsaker.',
  'Deltidsansatte fikk tilbud om større stillinger i en felles ressurspool.', 'Frivilligsentralen koordinerte besøksvenner.'];
const worked = ['Færre avbrutte læreforhold og flere søkere året etter.', 'Mindre innleie og bedre kontinuitet for brukerne.',
  'Færre unødvendige tilsyn og bedre søvn for beboerne.', 'Brukerne klarte seg lenger hjemme.', 'Barn som trengte støtte ble fanget opp tidligere.'];
const notWorked = ['Det tok tid å bli enige om ansvar.', 'Systemene snakket ikke sammen.', 'Møtene ble for lange i travle perioder.', 'Ikke alle fikk opplæring i tide.'];
const advice = ['Avklar ansvar og veiledningstid før dere starter.', 'Ta med tillitsvalgte fra første møte.', 'Start i liten skala og evaluer etter tre måneder.',
  'Sett av fast tid i kalenderen.', 'Del erfaringene på nettverksmøtet.'];
const tags = ['lærlinger', 'turnus', 'velferdsteknologi', 'rehabilitering', 'tidlig innsats', 'heltid', 'frivillighet', 'rekruttering', 'opplæring'];

const textArray = (values: string[]) => sql`array[${sql.join(values)}]::text[]`;
/** The pool's element for row i, spread by a prime so the columns vary independently. */
const pick = (pool: string[], prime: number) => sql`(${textArray(pool)})[1 + (i * ${sql.lit(prime)}) % ${sql.lit(pool.length)}]`;

export async function seedBenchExperiences(db: Kysely<DB>, organisationId: string, count: number) {
  // Seeding is nobody's change to audit: 50,000 audit events would only double the time.
  await sql`alter table experiences disable trigger experiences_audit`.execute(db);
  await sql`insert into experiences (organisation_id, title, tried, worked, did_not_work, advice, tags, effect_goals, created_at, updated_at)
    select ${organisationId}, ${pick(titles, 7)} || ' (' || i || ')',
      ${pick(tried, 11)} || ' ' || ${pick(tried, 13)},
      ${pick(worked, 17)}, case when i % 3 = 0 then ${pick(notWorked, 19)} end, ${pick(advice, 23)},
      array[${pick(tags, 29)}, ${pick(tags, 31)}],
      array[(array['unusedPotential', 'resourceEfficiency', 'serviceQuality', 'competenceMobilisation', 'tripartiteCooperation'])[1 + i % 5]],
      now() - make_interval(mins => i * 17), now() - make_interval(mins => i * 17)
    from generate_series(1, ${sql.lit(count)}) as i`.execute(db);
  await sql`alter table experiences enable trigger experiences_audit`.execute(db);
  await sql`analyze experiences`.execute(db);
  await sql`analyze experience_search`.execute(db);
}
