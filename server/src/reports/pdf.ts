import PDFDocument from 'pdfkit';
import type { DashboardTrendPoint, ManagementReview } from '@lagverk/shared';
import { norwegianNumber, reportTexts } from './texts.ts';

// The management review as a tagged PDF (PDF/UA-style structure: a Document with H1/H2/H3
// headings, paragraphs and lists, the document's language and a title shown in the
// window), so a screen reader can navigate it. The standard Helvetica covers æ, ø and å
// (WinAnsi), so no font file is embedded.

type Structure = ReturnType<PDFKit.PDFDocument['struct']>;

export interface PdfOptions {
  /** Leave the page streams uncompressed (tests read the text straight out of them). */
  compress?: boolean;
}

export function renderManagementReviewPdf(review: ManagementReview, options: PdfOptions = {}): Promise<Buffer> {
  const t = reportTexts(review.organisation.writtenStandard);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: t.lang,
    displayTitle: true,
    compress: options.compress ?? true,
    info: {
      Title: `${t.title}: ${review.organisation.name}`,
      Author: review.organisation.name,
      Subject: t.period(review.period.from, review.period.to),
      Creator: 'Lagverk',
      CreationDate: new Date(review.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  let section: Structure = root;

  const heading = (level: 1 | 2 | 3, text: string) => {
    const sizes = { 1: 20, 2: 15, 3: 12 };
    if (level === 2) {
      section = doc.struct('Sect');
      root.add(section);
      doc.moveDown(0.8);
    }
    (level === 1 ? root : section).add(doc.struct(`H${level}`, {}, () => {
      doc.font('Helvetica-Bold').fontSize(sizes[level]).fillColor('#1a1a1a').text(text);
    }));
    doc.moveDown(0.3);
  };
  const paragraph = (text: string) => {
    section.add(doc.struct('P', {}, () => {
      doc.font('Helvetica').fontSize(10.5).fillColor('#1a1a1a').text(text);
    }));
    doc.moveDown(0.3);
  };
  const list = (items: string[], total = items.length) => {
    if (items.length === 0) {
      paragraph(t.none);
      return;
    }
    doc.font('Helvetica').fontSize(10.5).fillColor('#1a1a1a');
    doc.list(total > items.length ? [...items, t.more(total - items.length)] : items, {
      structParent: section, bulletRadius: 2, textIndent: 12, bulletIndent: 4,
    });
    doc.moveDown(0.3);
  };
  const figure = (point: DashboardTrendPoint) => (point.figure.suppressed
    ? t.roundHidden(point.roundName, point.closedOn, point.figure.reason)
    : t.roundShown(point.roundName, point.closedOn, norwegianNumber(point.figure.mean), point.figure.n));

  heading(1, t.title);
  section.add(doc.struct('P', {}, () => {
    doc.font('Helvetica').fontSize(11).text(t.subtitle(review.organisation.name, review.organisation.orgNumber));
    doc.text(t.period(review.period.from, review.period.to));
    doc.fillColor('#4d4d4d').text(t.generated(review.generatedAt.slice(0, 10)));
  }));

  heading(2, t.procedures);
  heading(3, t.criteriaSets);
  if (review.procedures.criteriaSets.length === 0) paragraph(t.noCriteriaSets);
  else {
    list(review.procedures.criteriaSets.map((s) => t.criteriaSet({
      name: s.name, versionNumber: s.versionNumber, kind: s.kind, status: s.status === 'superseded' ? 'superseded' : 'published',
      publishedOn: s.publishedAt ? s.publishedAt.slice(0, 10) : null, used: s.usedInPeriod,
    })));
  }
  heading(3, t.lifecycle);
  const steps = review.procedures.lifecycle;
  list((Object.keys(t.lifecycleSteps) as (keyof typeof steps)[]).map((k) => `${t.lifecycleSteps[k]}: ${steps[k]}`));

  heading(2, t.teams);
  paragraph(t.teamsTotal(review.teams.total));
  list((Object.keys(t.statuses) as (keyof typeof t.statuses)[]).map((s) => `${t.statuses[s]}: ${review.teams.byStatus[s]}`));
  const { composition } = review.teams;
  if (composition.teams > 0) {
    paragraph(t.composition(norwegianNumber(composition.unitsPerTeam.average ?? 0), norwegianNumber(composition.professionsPerTeam.average ?? 0), composition.teams));
  }

  heading(2, t.results);
  paragraph(t.resultsTotal(review.results.total));
  list((Object.keys(t.categories) as (keyof typeof t.categories)[]).map((c) => `${t.categories[c]}: ${review.results.byCategory[c]}`));
  list(review.results.items.map((r) => t.resultItem(r.title, r.teamName, r.achievedOn)), review.results.total);

  heading(2, t.evaluations);
  const ev = review.evaluations;
  paragraph(t.evaluationFigures(ev.closedInPeriod, ev.dueNow, ev.overdueNow));
  if (ev.closed.length > 0) list(ev.closed.map((e) => t.evaluationItem(e.teamName, e.closedOn)), ev.closedInPeriod);

  heading(2, t.effectGoals);
  for (const goal of review.effectGoals) {
    heading(3, t.goals[goal.effectGoal]);
    if (goal.rounds.length === 0) paragraph(t.noRounds);
    else list(goal.rounds.map(figure));
    for (const indicator of goal.indicators) {
      paragraph(indicator.indicator);
      list(indicator.rounds.map(figure));
    }
  }

  heading(2, t.followUp);
  const fu = review.followUpActions;
  paragraph(t.followUpFigures(fu.open, fu.reviewOverdue));
  if (fu.items.length > 0) list(fu.items.map((a) => t.actionItem(a.title, a.dueOn, a.nextReviewOn)), fu.open);

  heading(2, t.activity);
  heading(3, t.competence);
  const hours = (value: number | null) => (value === null ? null : norwegianNumber(value));
  const { competence, arenas, experiences } = review;
  paragraph(t.competenceFigures(competence.participants, hours(competence.hours)));
  if (competence.participants !== null) {
    list(competence.byRole.map((r) => t.competenceRole(t.competenceRoles[r.role], r.participants, hours(r.hours))));
  }
  heading(3, t.arenas);
  paragraph(t.arenaFigures(arenas.meetingsHeld, arenas.attendance));
  list(arenas.byType.map((a) => t.arenaType(t.arenaTypes[a.type], a.meetingsHeld, a.attendance)));
  heading(3, t.experiences);
  paragraph(t.experienceFigures(experiences.shared, experiences.markedUseful, experiences.usefulMarks));

  root.end();
  doc.end();
  return done;
}
