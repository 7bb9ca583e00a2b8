import { el } from './dom';
import { EstimateApi } from './estimate-api';
import { EstimatorWidget } from './estimator-widget';

/**
 * Entry point of estimator.js. Two ways in, one script:
 * - the hosted page, `GET /estimate?key=cnt_pub_…` (optionally `&level=iop`), which loads this script from the
 *   same origin and reads its settings from the page's address;
 * - another site embedding it: `<script src="https://<continuum>/estimate/estimator.js" data-key="cnt_pub_…"
 *   async></script>`, with optional `data-level`, `data-target` (a CSS selector of where to put it; by default
 *   just before the script tag) and `data-api` (the API's origin, when it differs from the script's).
 */
function boot(script: HTMLScriptElement): void {
  const scriptUrl = new URL(script.src, document.baseURI);
  const hostedPage = scriptUrl.origin === window.location.origin && script.dataset.key === undefined;
  const pageParams = new URLSearchParams(hostedPage ? window.location.search : '');
  const key = script.dataset.key ?? pageParams.get('key') ?? undefined;
  const level = script.dataset.level ?? pageParams.get('level') ?? undefined;
  const apiBaseUrl = (script.dataset.api ?? scriptUrl.origin).replace(/\/+$/, '');

  const target = script.dataset.target === undefined ? null : document.querySelector(script.dataset.target);
  const host = target ?? el('div', { class: 'continuum-estimator' });
  if (target === null) script.before(host);
  const root = host.attachShadow({ mode: 'open' });
  root.append(el('link', { rel: 'stylesheet', href: new URL('estimator.css', scriptUrl).href }));

  if (key === undefined || key === '') {
    root.append(
      el(
        'p',
        { class: 'setup-problem', role: 'alert' },
        'This estimator is missing its key. Add a publishable admissions key: ?key=cnt_pub_… in the page ' +
          'address, or data-key="cnt_pub_…" on the script tag.',
      ),
    );
    return;
  }
  void new EstimatorWidget(root, new EstimateApi(apiBaseUrl, key), level).start();
}

// document.currentScript is only set while a classic script first runs, so it is read right away.
const script = document.currentScript;
if (script instanceof HTMLScriptElement) boot(script);
