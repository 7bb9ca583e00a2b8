import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import request from 'supertest';
import { readDemoCatalog } from '../libs/catalog/src/demo-catalog';
import { daysBetween, todayUtc } from '../libs/domain/src/date-only';
import { formatDollars } from '../libs/domain/src/money';
import { launchChromium, SCREENSHOT_DIR, type StaticSite, startStaticSite, useTestClock } from './support/browser';
import { createSandbox, type RunningApi, type Sandbox, startApi } from './support/test-stack';

/** The page shows whole dollars without cents ("$3,000"), otherwise the domain's format. */
const dollars = (cents: number): string => formatDollars(cents).replace(/\.00$/, '');
const rangeOf = (estimate: { range: { lowCents: number; highCents: number } }): string =>
  estimate.range.lowCents === estimate.range.highCents
    ? dollars(estimate.range.lowCents)
    : `${dollars(estimate.range.lowCents)} to ${dollars(estimate.range.highCents)}`;

/** Where the widget's controls are found: the page itself, or an iframe holding it. */
type Scope = Page | FrameLocator;

const PHONE = { width: 390, height: 844 };
const PER_KEY_LIMIT = 25;

/**
 * The admissions estimator page in a real headless Chromium (Debian's, driven by playwright-core), against the
 * real API: the numbers on screen are checked against the API's own answer for the same inputs, and the
 * publishable key's CORS origins and rate limits are the real ones.
 */
describe('Admissions estimator page (browser)', () => {
  let sandbox: Sandbox;
  let api: RunningApi;
  let browser: Browser;
  let billing: Record<string, string>;
  const sites: StaticSite[] = [];
  const plans: Record<string, string> = {};

  const http = () => request(api.url);
  const admin = () => ({ authorization: `Bearer ${sandbox.adminKey}` });
  /** A fresh publishable key per test, so each has its own rate-limit budget. */
  const admissionsKey = async (allowedOrigins: string[]): Promise<string> =>
    (
      await http()
        .post('/v1/api-keys')
        .set(admin())
        .send({ name: `page ${Math.random()}`, role: 'admissions', allowedOrigins })
        .expect(201)
    ).body.key as string;
  /** The API's own answer, asked with a billing key (a server call, outside the page's rate limits). */
  const apiAnswer = async (path: string, body: object) =>
    (await http().post(path).set(billing).send(body).expect(200)).body;

  beforeAll(async () => {
    sandbox = await createSandbox('estimator', {
      CATALOG_REFRESH_SECONDS: '3600',
      ADMISSIONS_RATE_LIMIT_PER_KEY: String(PER_KEY_LIMIT),
      ADMISSIONS_RATE_LIMIT_PER_ADDRESS: '10000',
    });
    // Chromium first: if it is missing the suite fails at once, before an API exists that could be left running.
    browser = await launchChromium();
    api = await startApi(sandbox.env);
    await http().put('/v1/catalog').set(admin()).send(readDemoCatalog()).expect(200);
    const billingKey = await http().post('/v1/api-keys').set(admin()).send({ name: 'b', role: 'billing' }).expect(201);
    billing = { authorization: `Bearer ${billingKey.body.key}` };
    for (const plan of (await http().get('/v1/plans').set(admin()).expect(200)).body.data) plans[plan.name] = plan.id;
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(sites.map((site) => site.close()));
    await api?.process.stop();
  });

  let context: BrowserContext;
  let page: Page;
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
    context.setDefaultTimeout(15_000);
    await useTestClock(context);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  const screenshot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOT_DIR, `estimator-${name}.png`), fullPage: true });
  /** Waits until the form has loaded its choices (levels of care and insurance companies) from the API. */
  const formLoaded = (scope: Scope = page) =>
    scope.getByLabel('Insurance company').locator('option').nth(1).waitFor({ state: 'attached' });
  const openHostedPage = async (key: string, query = '') => {
    await page.goto(`${api.url}/estimate?key=${key}${query}`);
    await formLoaded();
  };
  const submit = (scope: Scope = page) => scope.getByRole('button', { name: 'See my estimate' }).click();
  const chooseInsurance = async (
    scope: Scope,
    payerName: string,
    planName: string,
    network: 'In network' | 'Out of network',
  ) => {
    await scope.getByLabel('With insurance').check();
    await scope.getByLabel('Insurance company').selectOption({ label: payerName });
    await scope.getByLabel('Plan', { exact: true }).selectOption({ label: planName });
    await scope.getByLabel(new RegExp(`^${network}`)).check();
  };
  const chooseSelfPay = async (scope: Scope, size: string, income: string, state: string) => {
    await scope.getByLabel(/self-pay/).check();
    await scope.getByLabel('People in your household').fill(size);
    await scope.getByLabel('Yearly household income').fill(income);
    await scope.getByLabel('State you live in').selectOption(state);
  };
  const firstPlanOf = async (payerName: string): Promise<{ id: string; name: string }> => {
    const payers = (await http().get('/v1/payers').set(billing).expect(200)).body.data;
    const payer = payers.find((p: { name: string }) => p.name === payerName);
    return (await http().get(`/v1/payers/${payer.code}/plans`).set(billing).expect(200)).body.data[0];
  };
  /** The start date the form holds (it suggests one; the API's answer is asked for the same date). */
  const startDate = (scope: Scope = page) => scope.getByLabel('When would care start?').inputValue();
  /** The breakdown table as [label, amount] pairs. */
  const breakdown = async (): Promise<[string, string][]> => {
    const table = page.getByTestId('breakdown');
    const labels = await table.locator('tbody tr .row-label').allTextContents();
    const amounts = await table.locator('tbody tr td').allTextContents();
    return labels.map((label, i) => [label, amounts[i] ?? '']);
  };
  /** Waits until the text is on screen (fails the test if it never is). */
  const shows = (text: string) => page.getByText(text).first().waitFor();
  /** Whether the element matching the selector inside the widget has the keyboard focus. */
  const hasFocus = async (selector: string) => (await page.locator(`${selector}:focus`).count()) === 1;
  /** The failure message, once it is on screen. */
  const alertText = async () => {
    await page.locator('.alert').waitFor();
    return page.locator('.alert').innerText();
  };

  it('serves the page and its files with headers that let the key’s sites frame it and any site embed the script', async () => {
    const clinic = 'https://clinic.example';
    const key = await admissionsKey([clinic, api.url]);
    const hosted = await http().get(`/estimate?key=${key}`).expect(200);
    expect(hosted.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(hosted.headers['content-security-policy']).toContain(`frame-ancestors 'self' ${clinic} ${api.url}`);
    expect(hosted.headers['content-security-policy']).toContain("script-src 'self'");
    expect(hosted.headers['x-frame-options']).toBeUndefined();
    // Without a key (or with a made-up one) only the API's own origin may frame it.
    for (const path of ['/estimate', '/estimate?key=cnt_pub_not-a-real-key-at-all-0000000']) {
      const csp = (await http().get(path).expect(200)).headers['content-security-policy'];
      expect(csp).toMatch(/frame-ancestors 'self'$/);
    }
    const script = await http().get('/estimate/estimator.js').expect(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
    await http().get('/estimate/estimator.js').set('if-none-match', script.headers.etag).expect(304);
    expect((await http().get('/estimate/estimator.css').expect(200)).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    const missing = await http().get('/estimate/secrets.json').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'not_found' });
    // The rest of the API still refuses to be framed.
    expect((await http().get('/health/live').expect(200)).headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('estimates an insured IOP course with amounts already paid, showing exactly the API’s numbers in plain words', async () => {
    const key = await admissionsKey([api.url]);
    await openHostedPage(key);
    await screenshot('1-empty-form');
    await page.getByLabel('Level of care').selectOption({ label: 'Intensive outpatient program' });
    await chooseInsurance(page, 'BluePeak Health', 'BluePeak Choice PPO 1500', 'In network');
    await page.getByLabel('Paid toward your deductible this year').fill('500');
    await submit();
    await page.getByTestId('estimate-range').waitFor();

    // Only the deductible was known: the page counts it toward the out-of-pocket maximum as well.
    const answer = await apiAnswer('/v1/estimates', {
      levelOfCare: 'iop',
      coverage: {
        type: 'insured',
        planId: plans['BluePeak Choice PPO 1500'],
        network: 'in',
        accumulators: { deductibleMetCents: 50_000, outOfPocketMetCents: 50_000 },
      },
      serviceStartDate: await startDate(),
    });
    await expect(page.getByTestId('estimate-range').innerText()).resolves.toBe(rangeOf(answer));
    await expect(breakdown()).resolves.toEqual([
      [`Charges for ${answer.units} days`, dollars(answer.totalChargeCents)],
      ['Amount your plan recognizes', dollars(answer.allowedCents)],
      ['Your plan pays', dollars(answer.planPaysCents)],
      ['Deductible', dollars(answer.breakdown.deductibleCents)],
      ['Copays', dollars(answer.breakdown.copayCents)],
      ['Coinsurance', dollars(answer.breakdown.coinsuranceCents)],
      ['You pay', dollars(answer.patientResponsibilityCents)],
    ]);
    expect(answer.preAuthRequired).toBe(true);
    await shows('Pre-authorization is usually required');
    await shows(answer.disclaimer);
    // The result takes focus, so a screen reader reads it and a keyboard user continues from it.
    await expect(hasFocus('#result-title')).resolves.toBe(true);
    await page.getByText('What this estimate assumes').click();
    for (const assumption of answer.assumptions) await shows(assumption);
    await screenshot('2-insured-iop');
  });

  it('prices a course starting in December as the API does, what you pay lying within the range shown', async () => {
    const key = await admissionsKey([api.url]);
    await openHostedPage(key);
    // The form suggests the next Monday from today.
    const suggested = await startDate();
    expect(new Date(`${suggested}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(daysBetween(todayUtc(), suggested)).toBeGreaterThanOrEqual(-1);
    expect(daysBetween(todayUtc(), suggested)).toBeLessThanOrEqual(7);
    // The first Monday from December 7 next year: in the start window whatever today is; the course runs
    // into January.
    const december = [7, 8, 9, 10, 11, 12, 13]
      .map((day) => `${Number(todayUtc().slice(0, 4)) + 1}-12-${day}`)
      .find((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1) as string;
    await page.getByLabel('Level of care').selectOption({ label: 'Intensive outpatient program' });
    await page.getByLabel('When would care start?').fill(december);
    await chooseInsurance(page, 'BluePeak Health', 'BluePeak Choice PPO 1500', 'In network');
    await submit();
    await page.getByTestId('estimate-range').waitFor();

    const answer = await apiAnswer('/v1/estimates', {
      levelOfCare: 'iop',
      coverage: { type: 'insured', planId: plans['BluePeak Choice PPO 1500'], network: 'in' },
      serviceStartDate: december,
    });
    await expect(page.getByTestId('estimate-range').innerText()).resolves.toBe(rangeOf(answer));
    const youPay = (await breakdown()).find(([label]) => label === 'You pay')?.[1];
    expect(youPay).toBe(dollars(answer.patientResponsibilityCents));
    const cents = (text: string) => Math.round(Number(text.replace(/[$,]/g, '')) * 100);
    const [low, high] = (await page.getByTestId('estimate-range').innerText()).split(' to ').map(cents);
    expect(low).toBeLessThanOrEqual(cents(youPay ?? ''));
    expect(cents(youPay ?? '')).toBeLessThanOrEqual(high ?? Number.NaN);
    // Both ends and the amount you pay owe the new plan year's deductible (24 to 60 days, 3 a week).
    expect(answer.range.lowCents).toBeGreaterThan(24 * 6_400);
    await shows(`starting December ${Number(december.slice(8))}, ${december.slice(0, 4)}`);
    await page.getByText('What this estimate assumes').click();
    await shows(`42 days laid out 3 days a week (Mon, Wed, Fri) from ${december}`);
    await screenshot('3b-december-start');
  });

  it('estimates a self-pay IOP course with the sliding-scale discount that applied', async () => {
    const key = await admissionsKey([api.url]);
    await openHostedPage(key, '&level=iop');
    await expect(page.getByLabel('Level of care').inputValue()).resolves.toBe('iop');
    await chooseSelfPay(page, '3', '$40,000', 'NY');
    await submit();
    await page.getByTestId('estimate-range').waitFor();

    const answer = await apiAnswer('/v1/estimates', {
      levelOfCare: 'iop',
      coverage: { type: 'self_pay', household: { size: 3, annualIncomeCents: 4_000_000, state: 'NY' } },
      serviceStartDate: await startDate(),
    });
    const scale = answer.slidingScale;
    await expect(page.getByTestId('estimate-range').innerText()).resolves.toBe(rangeOf(answer));
    await expect(breakdown()).resolves.toEqual([
      [`Standard charges for ${answer.units} days`, dollars(answer.totalChargeCents)],
      ['Self-pay price', dollars(answer.patientResponsibilityCents + answer.breakdown.discountCents)],
      ['Sliding-scale discount', `−${dollars(answer.breakdown.discountCents)}`],
      ['You pay', dollars(answer.patientResponsibilityCents)],
    ]);
    expect(scale.discountPercent).toBeGreaterThan(0);
    await shows(
      `Your household’s income is ${Math.floor(scale.povertyPercent)}% of the federal poverty guideline ` +
        `(${dollars(scale.guidelineCents)} a year for 3 people in ${scale.guidelineYear}). That gives you a ` +
        `sliding-scale discount of ${scale.discountPercent}% off the self-pay price.`,
    );
    await shows('no approval from an insurance company is needed');
    await shows('Good Faith Estimate');
    await screenshot('3-self-pay-iop');
  });

  it('compares every level of care on a phone-sized screen, as the API prices them', async () => {
    await page.setViewportSize(PHONE);
    const key = await admissionsKey([api.url]);
    await openHostedPage(key);
    await page.getByLabel('Level of care').selectOption('all');
    await chooseInsurance(page, 'BluePeak Health', 'BluePeak Choice PPO 1500', 'Out of network');
    await submit();
    await page.getByTestId('compare').waitFor();

    const { data } = await apiAnswer('/v1/estimates/levels', {
      coverage: { type: 'insured', planId: plans['BluePeak Choice PPO 1500'], network: 'out' },
      serviceStartDate: await startDate(),
    });
    const rows = page.getByTestId('compare').locator('tbody tr');
    const shown: [string | null, string][] = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      shown.push([await rows.nth(i).getAttribute('data-level'), await rows.nth(i).locator('td.amount').innerText()]);
    }
    expect(shown).toEqual(
      data.map((estimate: { levelOfCare: string }) => [estimate.levelOfCare, rangeOf(estimate as never)]),
    );
    expect(shown).toHaveLength(6);
    // Nothing is wider than the phone: no sideways scrolling.
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(PHONE.width);
    await screenshot('4-compare-all-phone');
  });

  it('checks answers as the API does, says what is wrong next to each field, and takes the keyboard there', async () => {
    const key = await admissionsKey([api.url]);
    await openHostedPage(key);
    await submit();
    const summary = page.locator('.error-summary');
    await expect(summary.innerText()).resolves.toContain('2 answers need your attention');
    await expect(hasFocus('.error-summary')).resolves.toBe(true);
    await expect(page.getByLabel('Level of care').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Level of care').getAttribute('aria-describedby')).resolves.toBe(
      'level-hint level-error',
    );
    await expect(page.locator('#level-error').innerText()).resolves.toContain('Choose a level of care');
    await screenshot('5-missing-answers');

    // Each bad value is refused by the page and, sent as it stands, by the API (400 naming the same field).
    await page.getByLabel('Level of care').selectOption('detox');
    const badHouseholds: [string, string, Record<string, unknown>, string][] = [
      ['0', '40000', { size: 0, annualIncomeCents: 4_000_000 }, 'household-size'],
      ['21', '40000', { size: 21, annualIncomeCents: 4_000_000 }, 'household-size'],
      ['2.5', '40000', { size: 2.5, annualIncomeCents: 4_000_000 }, 'household-size'],
      ['3', '-5', { size: 3, annualIncomeCents: -500 }, 'income'],
      ['3', '100,000,000.01', { size: 3, annualIncomeCents: 10_000_000_001 }, 'income'],
    ];
    for (const [size, income, household, field] of badHouseholds) {
      await chooseSelfPay(page, size, income, 'OH');
      await submit();
      await expect(page.locator(`#${field}-error`).isVisible()).resolves.toBe(true);
      const refused = await http()
        .post('/v1/estimates')
        .set(billing)
        .send({ levelOfCare: 'detox', coverage: { type: 'self_pay', household: { ...household, state: 'OH' } } })
        .expect(400);
      const apiField = field === 'income' ? 'annualIncomeCents' : 'size';
      expect(refused.body.details.fields.map((f: { field: string }) => f.field)).toEqual([
        `coverage.household.${apiField}`,
      ]);
    }
    await screenshot('6-invalid-household');

    // The summary's links move focus to the field; then the keyboard alone finishes the form.
    await page.getByLabel('Yearly household income').fill('oops');
    await submit();
    await page.locator('.error-summary a').first().click();
    await expect(hasFocus('#income')).resolves.toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('40000');
    await page.keyboard.press('Enter');
    await page.getByTestId('estimate-range').waitFor();
    // Focus is visible wherever the keyboard goes.
    await page.keyboard.press('Tab');
    const widget = "document.querySelector('.continuum-estimator').shadowRoot";
    await expect(page.evaluate(`getComputedStyle(${widget}.activeElement).outlineStyle`)).resolves.toBe('solid');
    // Every control has a label.
    const unlabelled = await page.evaluate(
      `[...${widget}.querySelectorAll('input, select')].filter((c) => c.labels.length === 0).map((c) => c.id)`,
    );
    expect(unlabelled).toEqual([]);
  });

  it('shows the API’s own 400 next to the field it names', async () => {
    const key = await admissionsKey([api.url]);
    await openHostedPage(key);
    await page.getByLabel('Level of care').selectOption('detox');
    await chooseSelfPay(page, '3', '40000', 'OH');
    // A body the page would never send (a newer API may refuse more than this page knows): the real API answers.
    await page.route('**/v1/estimates', async (route) => {
      const body = route.request().postDataJSON();
      body.coverage.household.state = 'XX';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await submit();
    await page.locator('#state-error').waitFor();
    await expect(page.locator('#state-error').innerText()).resolves.toContain('state must be a US state code');
    await expect(page.locator('.error-summary').isVisible()).resolves.toBe(true);
  });

  it('says so clearly when the rate limit is reached (429) and when the network is down, and recovers', async () => {
    const key = await admissionsKey([api.url]);
    await openHostedPage(key);
    await page.getByLabel('Level of care').selectOption('outpatient');
    await chooseSelfPay(page, '2', '30000', 'CA');

    await context.setOffline(true);
    await submit();
    await expect(alertText()).resolves.toContain('We could not reach the estimate service');
    await screenshot('7-network-down');
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('estimate-range').waitFor();

    // Spend the rest of this key's budget from the same origin, then ask again from the page.
    const spent = { authorization: `Bearer ${key}`, origin: api.url };
    let status = 200;
    while (status !== 429) status = (await http().get('/v1/levels-of-care').set(spent)).status;
    await submit();
    await expect(alertText()).resolves.toMatch(
      /Too many estimates were asked for in a short time\. Please try again in \d+ seconds?\./,
    );
    await expect(page.getByTestId('estimate-range').isVisible()).resolves.toBe(false);
    await screenshot('8-rate-limited');
  });

  it('says what is wrong when the page has no key, or a key that is not valid', async () => {
    await page.goto(`${api.url}/estimate`);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('This estimator is missing its key');
    await page.goto(`${api.url}/estimate?key=cnt_pub_revoked-or-made-up-0000000000000`);
    await expect(alertText()).resolves.toContain('This estimator is not set up correctly');
    await screenshot('9-invalid-key');
  });

  it('works embedded with the script snippet on a clinic site (real CORS), and not on a site the key does not allow', async () => {
    const clinic = await startStaticSite();
    const stranger = await startStaticSite();
    sites.push(clinic, stranger);
    const key = await admissionsKey([clinic.origin]);
    const snippet =
      `<!doctype html><html lang="en"><head><title>Clinic</title></head><body><h1>Sunrise Recovery</h1>` +
      `<script src="${api.url}/estimate/estimator.js" data-key="${key}" data-level="php" async></script></body></html>`;
    clinic.pages['/'] = snippet;
    stranger.pages['/'] = snippet;

    // Allowed: the widget appears in the clinic's page and prices through the API from the clinic's origin.
    await page.goto(`${clinic.origin}/`);
    await formLoaded();
    await expect(page.getByLabel('Level of care').inputValue()).resolves.toBe('php');
    await chooseSelfPay(page, '1', '20000', 'TX');
    await submit(page);
    await page.getByTestId('estimate-range').waitFor();
    await screenshot('10-embedded-script');

    // Copied onto a site the key does not allow: the browser's CORS check stops every call.
    await page.goto(`${stranger.origin}/`);
    await expect(alertText()).resolves.toContain('We could not reach the estimate service');
  });

  it('works in an iframe on the sites its key allows, and refuses to be framed anywhere else', async () => {
    const clinic = await startStaticSite();
    const stranger = await startStaticSite();
    sites.push(clinic, stranger);
    // In a frame the page calls from the API's own origin, so the key allows that origin too.
    const key = await admissionsKey([clinic.origin, api.url]);
    const framing =
      `<!doctype html><html lang="en"><head><title>Clinic</title></head><body>` +
      `<iframe src="${api.url}/estimate?key=${key}" title="Cost estimate" style="width:100%;height:1400px;border:0"></iframe></body></html>`;
    clinic.pages['/'] = framing;
    stranger.pages['/'] = framing;

    await page.goto(`${clinic.origin}/`);
    const frame = page.frameLocator('iframe');
    await formLoaded(frame);
    await frame.getByLabel('Level of care').selectOption('residential');
    await chooseInsurance(frame, 'Keystone Care', (await firstPlanOf('Keystone Care')).name, 'In network');
    await submit(frame);
    await frame.getByTestId('estimate-range').waitFor();
    await screenshot('11-iframe');

    const refused = page.waitForEvent('console', (message) => message.text().includes('frame-ancestors'));
    await page.goto(`${stranger.origin}/`);
    await expect(refused).resolves.toBeDefined();
    await expect(frame.getByLabel('Level of care').count()).resolves.toBe(0);
  });
});
