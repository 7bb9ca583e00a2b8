import { formatDollars } from '@continuum/domain';
import type { GoodFaithEstimateView } from './good-faith-estimate.types';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A printable HTML document of one version, for the patient: plain words, every amount in dollars. */
export function renderGoodFaithEstimate(estimate: GoodFaithEstimateView): string {
  const v = estimate.current;
  const providers = v.providers
    .map(
      (p) => `
    <section class="provider">
      <h3>${escape(p.name)}</h3>
      <p>NPI ${escape(p.npi)} · TIN ${escape(p.tin)}<br>${escape(p.location.line1)}, ${escape(p.location.city)}, ${escape(p.location.state)} ${escape(p.location.postalCode)}</p>
      <table>
        <thead><tr><th>Service</th><th>Code</th><th>How often</th><th>Units</th><th>Each</th><th>Expected charge</th></tr></thead>
        <tbody>${p.items
          .map(
            (i) =>
              `<tr><td>${escape(i.description)}</td><td>${escape(i.serviceCode)}${i.revenueCode ? ` (rev ${escape(i.revenueCode)})` : ''}</td><td>${escape(i.frequency ?? '')}</td><td>${i.units}</td><td>${formatDollars(i.unitChargeCents)}</td><td>${formatDollars(i.expectedChargeCents)}</td></tr>`,
          )
          .join('')}</tbody>
        <tfoot><tr><td colspan="5">Total for this provider</td><td>${formatDollars(p.totalCents)}</td></tr></tfoot>
      </table>
    </section>`,
    )
    .join('');
  const separate =
    (v.separatelyScheduledServices ?? []).length === 0
      ? '<p>None.</p>'
      : `<ul>${(v.separatelyScheduledServices ?? []).map((s) => `<li>${escape(s.description)}${s.note ? `: ${escape(s.note)}` : ''}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Good Faith Estimate</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.45; }
  table { width: 100%; border-collapse: collapse; margin: .5rem 0 1.5rem; }
  th, td { border-bottom: 1px solid #ccc; padding: .35rem; text-align: left; }
  td:nth-child(n+4), th:nth-child(n+4) { text-align: right; }
  tfoot td { font-weight: 600; }
  .total { font-size: 1.25rem; font-weight: 700; }
  @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Good Faith Estimate</h1>
<p>Estimate ${escape(estimate.id)}, version ${v.version}, issued ${escape(v.issuedOn)}.</p>
<h2>Patient</h2>
<p>${escape(v.patient.name)}, born ${escape(v.patient.dateOfBirth)}</p>
<h2>Primary service</h2>
<p>${escape(v.primaryService.description)} (${escape(v.primaryService.serviceCode)})${v.scheduledDate ? `, scheduled for ${escape(v.scheduledDate)}` : ', not yet scheduled'}.</p>
<p>Diagnosis codes: ${v.diagnosisCodes.map(escape).join(', ')}</p>
<h2>Expected items and services</h2>
${providers}
<p class="total">Total estimated charges: ${formatDollars(v.totalCents)}</p>
<h2>Services to be scheduled separately</h2>
${separate}
<h2>Disclaimer</h2>
${v.disclaimers.map((d) => `<p>${escape(d)}</p>`).join('\n')}
</body>
</html>
`;
}
