import { formatNumber, formatRatio, type Figure, type Report, type SectionName, type TargetCheck } from './report';

/**
 * Issue 9's targets, checked on PostgreSQL (the targets are about the server adapter; PGlite is for trying out).
 * `note` says by how much a missed target was missed; what limits it is analysed in docs/performance.md.
 */
export function checkTargets(report: Report, sections: readonly SectionName[]): TargetCheck[] {
  const pg = (id: string): Figure | undefined => report.figure(id, 'postgres');
  const comparison = (figure: Figure | undefined, against: string) =>
    figure?.comparisons?.find((candidate) => candidate.against === against)?.value ?? Number.NaN;
  const checks: TargetCheck[] = [];
  const atLeast = (target: string, measured: number, goal: number, describe: (value: number) => string) => {
    checks.push(
      !Number.isFinite(measured)
        ? { target, result: 'n/a', status: 'not measured' }
        : measured >= goal
          ? { target, result: describe(measured), status: 'met' }
          : {
              target,
              result: describe(measured),
              status: 'missed',
              note: `${((1 - measured / goal) * 100).toFixed(0)}% short`,
            },
    );
  };

  if (sections.includes('appends')) {
    const single = pg('appends.single.8.ours');
    atLeast(
      'Single-event appends, 8 writers: ≥ 50% of the raw single-row insert rate',
      comparison(single, 'raw'),
      0.5,
      formatRatio,
    );
    atLeast('Single-event appends, 8 writers: ≥ 2× Emmett', comparison(single, 'Emmett'), 2, formatRatio);
    for (const writers of [1, 8]) {
      atLeast(
        `100-event appends, ${writers} writer${writers === 1 ? '' : 's'}: ≥ 80% of the raw multi-row insert rate`,
        comparison(pg(`appends.batch100.${writers}.ours`), 'raw'),
        0.8,
        formatRatio,
      );
    }
  }
  if (sections.includes('catchup')) {
    const ours = pg('catchup.ours');
    atLeast('Catch-up: ≥ 50% of the raw ordered read', comparison(ours, 'raw'), 0.5, formatRatio);
  }
  if (sections.includes('http')) {
    for (const [id, name] of [
      ['http.intake.rate', 'Open intake (POST /intake-trajectories)'],
      ['http.referral.rate', 'Send referral (POST /referrals)'],
    ] as const) {
      const figure = pg(id);
      const p99 = figure?.p99Ms ?? Number.NaN;
      const errors = figure?.errors ?? Number.NaN;
      const target = `${name}: p99 ≤ 25 ms at 200 requests/s, no errors`;
      if (!Number.isFinite(p99)) checks.push({ target, result: 'n/a', status: 'not measured' });
      else {
        const result = `p99 ${formatNumber(p99, 'ms')} ms, ${errors} errors, ${formatNumber(figure!.value, 'req/s')} req/s`;
        const missed = [
          ...(p99 > 25 ? [`p99 ${((p99 / 25 - 1) * 100).toFixed(0)}% over`] : []),
          ...(errors > 0 ? [`${errors} errors`] : []),
          ...(figure!.value < 200 * 0.97 ? ['rate not sustained'] : []),
        ];
        checks.push(
          missed.length === 0
            ? { target, result, status: 'met' }
            : { target, result, status: 'missed', note: missed.join(', ') },
        );
      }
    }
    const lag = pg('http.lag.intake')?.p99Ms ?? Number.NaN;
    atMost(checks, 'Projection lag (intake.trajectories) p99 ≤ 250 ms under that load', lag, 250, 'ms');
    atMost(checks, 'Peak memory of the service ≤ 300 MB', pg('http.memory.service')?.value ?? Number.NaN, 300, 'MB');
  }
  if (sections.includes('impact')) {
    // The worst indicator decides: every one of them is a query analysts make.
    const queries = report.rows.filter((row) => row.id.startsWith('impact.query.'));
    const worst = queries
      .map((row) => ({ code: row.system, p95: row.figures.postgres?.value ?? Number.NaN }))
      .filter((query) => Number.isFinite(query.p95))
      .sort((a, b) => b.p95 - a.p95)[0];
    const target = 'Impact queries: p95 ≤ 100 ms (worst indicator)';
    if (worst === undefined) checks.push({ target, result: 'n/a', status: 'not measured' });
    else {
      const result = `${formatNumber(worst.p95, 'ms')} ms (${worst.code})`;
      const over = queries.filter((row) => (row.figures.postgres?.value ?? 0) > 100).length;
      checks.push(
        worst.p95 <= 100
          ? { target, result, status: 'met' }
          : {
              target,
              result,
              status: 'missed',
              note: `${((worst.p95 / 100 - 1) * 100).toFixed(0)}% over; ${over} of ${queries.length} indicators over`,
            },
      );
    }
  }
  return checks;
}

function atMost(checks: TargetCheck[], target: string, measured: number, goal: number, unit: string): void {
  if (!Number.isFinite(measured)) {
    checks.push({ target, result: 'n/a', status: 'not measured' });
    return;
  }
  const result = `${formatNumber(measured, unit)} ${unit}`;
  checks.push(
    measured <= goal
      ? { target, result, status: 'met' }
      : { target, result, status: 'missed', note: `${((measured / goal - 1) * 100).toFixed(0)}% over` },
  );
}
