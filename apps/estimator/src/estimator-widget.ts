import { type LevelOfCare, US_STATE_CODES } from '@continuum/domain';
import { el, replaceChildren } from './dom';
import { ApiProblem, describeFailure, type EstimateApi } from './estimate-api';
import {
  ALL_LEVELS,
  checkEstimateForm,
  defaultStartDate,
  type EstimateCall,
  type EstimateFormValues,
  type FieldProblem,
  type FormField,
  formFieldOfApiField,
} from './estimate-form';
import {
  breakdownRows,
  type EstimateAnswer,
  GOOD_FAITH_ESTIMATE_TEXT,
  LEVEL_EXPLANATIONS,
  PARITY_TEXT,
  preAuthText,
  rangeExplanation,
  rangeText,
  slidingScaleText,
  unitsText,
} from './plain-words';
import { US_STATE_NAMES } from './us-state-names';

interface LevelOption {
  code: LevelOfCare;
  name: string;
}
interface PayerOption {
  code: string;
  name: string;
}
interface PlanOption {
  id: string;
  name: string;
  outOfNetworkBenefits: boolean;
}

/** Every control the widget reads, by field. */
interface Controls {
  level: HTMLSelectElement;
  paymentInsured: HTMLInputElement;
  paymentSelfPay: HTMLInputElement;
  payer: HTMLSelectElement;
  plan: HTMLSelectElement;
  networkIn: HTMLInputElement;
  networkOut: HTMLInputElement;
  deductiblePaid: HTMLInputElement;
  outOfPocketPaid: HTMLInputElement;
  householdSize: HTMLInputElement;
  income: HTMLInputElement;
  state: HTMLSelectElement;
  startDate: HTMLInputElement;
}

/**
 * The admissions cost estimator: a form (level of care, insurance or self-pay) and the answer in plain words.
 * Everything lives in a shadow root, so a host page's styles and scripts neither break it nor are broken by it.
 * Accessibility: every control has a label, hints and errors are tied to it with aria-describedby, a summary
 * of errors (role="alert") takes focus on a failed submit, and results take focus when they arrive.
 */
export class EstimatorWidget {
  private readonly controls: Controls;
  private readonly form: HTMLFormElement;
  private readonly errorSummary: HTMLDivElement;
  private readonly status: HTMLParagraphElement;
  private readonly alert: HTMLDivElement;
  private readonly result: HTMLElement;
  private readonly submitButton: HTMLButtonElement;
  private readonly insuredFields: HTMLFieldSetElement;
  private readonly selfPayFields: HTMLFieldSetElement;
  private readonly fieldErrors = new Map<FormField, HTMLElement>();
  private readonly fieldHints = new Map<FormField, string>();
  private levels: LevelOption[] = [];
  private plans: PlanOption[] = [];
  private busy = false;

  constructor(
    private readonly root: ShadowRoot,
    private readonly api: EstimateApi,
    private readonly initialLevel: string | undefined,
  ) {
    this.controls = {
      level: el('select', { id: 'level', name: 'level' }),
      paymentInsured: radio('payment', 'insured', 'payment-insured'),
      paymentSelfPay: radio('payment', 'self_pay', 'payment-self-pay'),
      payer: el('select', { id: 'payer', name: 'payer' }),
      plan: el('select', { id: 'plan', name: 'plan', disabled: true }),
      networkIn: radio('network', 'in', 'network-in'),
      networkOut: radio('network', 'out', 'network-out'),
      deductiblePaid: moneyInput('deductible-paid'),
      outOfPocketPaid: moneyInput('out-of-pocket-paid'),
      householdSize: el('input', {
        id: 'household-size',
        name: 'household-size',
        type: 'text',
        inputmode: 'numeric',
        autocomplete: 'off',
        class: 'short',
      }),
      income: moneyInput('income'),
      state: el('select', { id: 'state', name: 'state' }),
      startDate: el('input', {
        id: 'start-date',
        name: 'start-date',
        type: 'date',
        value: defaultStartDate(localToday()),
        class: 'short',
      }),
    };
    this.errorSummary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.alert = el('div', { class: 'alert', role: 'alert', hidden: true });
    this.result = el('section', { class: 'result', tabindex: '-1', 'aria-labelledby': 'result-title', hidden: true });
    this.submitButton = el('button', { type: 'submit', class: 'primary' }, 'See my estimate');
    this.insuredFields = this.buildInsuredFields();
    this.selfPayFields = this.buildSelfPayFields();
    this.form = this.buildForm();
    root.append(
      el(
        'div',
        { class: 'estimator' },
        el('h2', { class: 'title' }, 'What will treatment cost?'),
        el(
          'p',
          { class: 'intro' },
          'Answer a few questions to see an estimate of what you would pay. We do not ask for your name or ' +
            'anything else that identifies you.',
        ),
        this.form,
        this.status,
        this.alert,
        this.result,
      ),
    );
  }

  /** Loads the choices (levels of care, insurance companies) from the public catalog. */
  async start(): Promise<void> {
    this.setBusy(true, 'Loading the form…');
    try {
      const [levels, payers] = await Promise.all([
        this.api.get<{ data: LevelOption[] }>('/v1/levels-of-care'),
        this.api.get<{ data: PayerOption[] }>('/v1/payers'),
      ]);
      this.levels = levels.data;
      this.fillLevels();
      fillSelect(
        this.controls.payer,
        'Choose your insurance company',
        payers.data.map((p) => [p.code, p.name]),
      );
      this.setBusy(false, '');
    } catch (error) {
      this.setBusy(false, '');
      this.showFailure(error, () => void this.start());
    }
  }

  private buildForm(): HTMLFormElement {
    const c = this.controls;
    fillSelect(
      c.state,
      'Choose your state',
      US_STATE_CODES.map((code) => [code, US_STATE_NAMES[code]]),
    );
    const form = el(
      'form',
      { novalidate: true, 'aria-label': 'Cost estimate' },
      this.errorSummary,
      this.field(
        'level',
        'Level of care',
        c.level,
        'Not sure? Choose “Compare all levels of care” to see them side by side.',
      ),
      this.field(
        'start-date',
        'When would care start?',
        c.startDate,
        'A guess is fine. A course that runs past your plan year’s end starts your deductible over.',
      ),
      this.radioGroup(
        'payment',
        'How will you pay?',
        [
          [c.paymentInsured, 'With insurance'],
          [c.paymentSelfPay, 'I will pay myself (self-pay)'],
        ],
        undefined,
      ),
      this.insuredFields,
      this.selfPayFields,
      el('div', { class: 'actions' }, this.submitButton),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    for (const input of [c.paymentInsured, c.paymentSelfPay]) {
      input.addEventListener('change', () => this.showPaymentFields());
    }
    c.payer.addEventListener('change', () => void this.loadPlans());
    c.plan.addEventListener('change', () => this.showNetworkChoices());
    this.showPaymentFields();
    return form;
  }

  private buildInsuredFields(): HTMLFieldSetElement {
    const c = this.controls;
    return el(
      'fieldset',
      { class: 'group', hidden: true },
      el('legend', {}, 'Your insurance'),
      this.field('payer', 'Insurance company', c.payer, 'The company named on your insurance card.'),
      this.field('plan', 'Plan', c.plan, 'The plan name on your card. Choose the insurance company first.'),
      this.radioGroup(
        'network',
        'Is our program in your plan’s network?',
        [
          [c.networkIn, 'In network: we have an agreement with your plan (usually costs you less)'],
          [c.networkOut, 'Out of network: we have no agreement with your plan'],
        ],
        'If you are not sure, ask us or your plan; in network is most common.',
      ),
      el(
        'p',
        { class: 'group-note' },
        'Optional: what you have already paid this plan year. Leave these empty if you do not know; the estimate ' +
          'then shows the range from “all paid” to “nothing paid yet”.',
      ),
      this.field(
        'deductible-paid',
        'Paid toward your deductible this year',
        c.deductiblePaid,
        'Your deductible is what you pay each year before your plan starts to share the cost.',
        '$',
      ),
      this.field(
        'out-of-pocket-paid',
        'Paid toward your out-of-pocket maximum this year',
        c.outOfPocketPaid,
        'The out-of-pocket maximum is the most you pay in a plan year; it includes your deductible. Leave empty ' +
          'to count only the deductible you paid.',
        '$',
      ),
    );
  }

  private buildSelfPayFields(): HTMLFieldSetElement {
    const c = this.controls;
    return el(
      'fieldset',
      { class: 'group', hidden: true },
      el('legend', {}, 'Your household'),
      el(
        'p',
        { class: 'group-note' },
        'People paying for their own care may get a sliding-scale discount based on household size and income.',
      ),
      this.field(
        'household-size',
        'People in your household',
        c.householdSize,
        'You, plus anyone you support or who supports you, such as a spouse or children.',
      ),
      this.field('income', 'Yearly household income', c.income, 'Before taxes, for everyone in the household.', '$'),
      this.field('state', 'State you live in', c.state, 'Poverty guidelines differ for Alaska and Hawaii.'),
    );
  }

  /** A labelled control with its hint and its (empty until needed) error, tied together for screen readers. */
  private field(
    id: FormField,
    label: string,
    control: HTMLElement,
    hint: string | undefined,
    prefix?: string,
  ): HTMLDivElement {
    const error = el('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    this.fieldErrors.set(id, error);
    if (hint !== undefined) this.fieldHints.set(id, `${id}-hint`);
    if (hint !== undefined) control.setAttribute('aria-describedby', `${id}-hint`);
    return el(
      'div',
      { class: 'field' },
      el('label', { for: control.id }, label),
      hint === undefined ? undefined : el('p', { class: 'hint', id: `${id}-hint` }, hint),
      error,
      prefix === undefined
        ? control
        : el('div', { class: 'prefixed' }, el('span', { 'aria-hidden': 'true' }, prefix), control),
    );
  }

  private radioGroup(
    id: FormField,
    legend: string,
    options: [HTMLInputElement, string][],
    hint: string | undefined,
  ): HTMLFieldSetElement {
    const error = el('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    this.fieldErrors.set(id, error);
    if (hint !== undefined) this.fieldHints.set(id, `${id}-hint`);
    return el(
      'fieldset',
      { class: 'radios', id: `${id}-group`, 'aria-describedby': hint === undefined ? undefined : `${id}-hint` },
      el('legend', {}, legend),
      hint === undefined ? undefined : el('p', { class: 'hint', id: `${id}-hint` }, hint),
      error,
      ...options.map(([input, text]) => el('div', { class: 'radio' }, input, el('label', { for: input.id }, text))),
    );
  }

  private fillLevels(): void {
    fillSelect(this.controls.level, 'Choose a level of care', [
      ...this.levels.map((level): [string, string] => [level.code, level.name]),
      [ALL_LEVELS, 'Compare all levels of care'],
    ]);
    if (this.initialLevel !== undefined) this.controls.level.value = this.initialLevel;
  }

  private showPaymentFields(): void {
    this.insuredFields.hidden = !this.controls.paymentInsured.checked;
    this.selfPayFields.hidden = !this.controls.paymentSelfPay.checked;
  }

  private async loadPlans(): Promise<void> {
    const { payer, plan } = this.controls;
    this.plans = [];
    this.clearError('plan');
    if (payer.value === '') {
      fillSelect(plan, 'Choose the insurance company first', []);
      plan.disabled = true;
      return;
    }
    fillSelect(plan, 'Loading plans…', []);
    plan.disabled = true;
    const payerCode = payer.value;
    try {
      const plans = await this.api.get<{ data: PlanOption[] }>(`/v1/payers/${encodeURIComponent(payerCode)}/plans`);
      if (payer.value !== payerCode) return; // the person chose another company meanwhile
      this.plans = plans.data;
      const empty = plans.data.length === 0;
      fillSelect(
        plan,
        empty ? 'No plans listed for this company' : 'Choose your plan',
        plans.data.map((p) => [p.id, p.name]),
      );
      plan.disabled = empty;
      if (empty) this.showError('plan', 'We have no plans listed for this company. Try self-pay, or call us.');
    } catch (error) {
      fillSelect(plan, 'Plans could not be loaded', []);
      this.showFailure(error, () => void this.loadPlans());
    }
    this.showNetworkChoices();
  }

  /** Out of network is offered only when the plan pays for out-of-network care (the API refuses it otherwise). */
  private showNetworkChoices(): void {
    const chosen = this.plans.find((p) => p.id === this.controls.plan.value);
    const outAllowed = chosen === undefined || chosen.outOfNetworkBenefits;
    this.controls.networkOut.disabled = !outAllowed;
    if (!outAllowed && this.controls.networkOut.checked) {
      this.controls.networkOut.checked = false;
      this.controls.networkIn.checked = true;
    }
    const label = this.controls.networkOut.labels?.[0];
    if (label !== undefined) {
      label.textContent = outAllowed
        ? 'Out of network: we have no agreement with your plan'
        : 'Out of network: this plan does not pay for out-of-network care';
    }
  }

  private values(): EstimateFormValues {
    const c = this.controls;
    const checked = (...inputs: HTMLInputElement[]): string => inputs.find((i) => i.checked)?.value ?? '';
    return {
      level: c.level.value,
      payment: checked(c.paymentInsured, c.paymentSelfPay),
      payer: c.payer.value,
      plan: c.plan.value,
      network: checked(c.networkIn, c.networkOut),
      deductiblePaid: c.deductiblePaid.value,
      outOfPocketPaid: c.outOfPocketPaid.value,
      householdSize: c.householdSize.value,
      income: c.income.value,
      state: c.state.value,
      startDate: c.startDate.value,
    };
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    this.clearErrors();
    // An answer to earlier questions must not stay on screen next to new ones.
    this.result.hidden = true;
    this.status.textContent = '';
    const values = this.values();
    const check = checkEstimateForm(values, localToday());
    if (!check.ok) {
      this.showProblems(check.problems);
      return;
    }
    this.setBusy(true, 'Working out your estimate…');
    try {
      const answer = await this.api.post<EstimateAnswer | { data: EstimateAnswer[] }>(check.call.path, check.call.body);
      this.setBusy(false, 'Your estimate is ready.');
      this.showResult(check.call, answer, Number(values.householdSize));
    } catch (error) {
      this.setBusy(false, '');
      const fieldProblems = error instanceof ApiProblem ? apiFieldProblems(error) : [];
      if (fieldProblems.length > 0) this.showProblems(fieldProblems);
      else this.showFailure(error, () => void this.submit());
    }
  }

  private showResult(
    call: EstimateCall,
    answer: EstimateAnswer | { data: EstimateAnswer[] },
    householdSize: number,
  ): void {
    const estimates = 'data' in answer ? answer.data : [answer];
    const first = estimates[0];
    if (first === undefined) return;
    const levelName = (code: LevelOfCare): string => this.levels.find((l) => l.code === code)?.name ?? code;
    const slidingScale = slidingScaleText(first, householdSize);
    const notes = [
      call.path === '/v1/estimates' ? el('p', { class: 'note preauth' }, preAuthText(first)) : undefined,
      slidingScale === undefined ? undefined : el('p', { class: 'note sliding-scale' }, slidingScale),
      estimates.some((e) => e.parityConcern) ? el('p', { class: 'note parity' }, PARITY_TEXT) : undefined,
      first.coverageType === 'self_pay' ? el('p', { class: 'note' }, GOOD_FAITH_ESTIMATE_TEXT) : undefined,
    ];
    const body =
      call.path === '/v1/estimates'
        ? [
            el('h3', { id: 'result-title', tabindex: '-1' }, `Your estimate: ${levelName(first.levelOfCare)}`),
            el('p', { class: 'level-explanation' }, LEVEL_EXPLANATIONS[first.levelOfCare]),
            el(
              'p',
              { class: 'headline' },
              el('span', { class: 'headline-label' }, 'Estimated cost to you'),
              el('strong', { class: 'amount', 'data-testid': 'estimate-range' }, rangeText(first)),
            ),
            el('p', { class: 'range-explanation' }, rangeExplanation(first)),
            breakdownTable(first),
          ]
        : [
            el('h3', { id: 'result-title', tabindex: '-1' }, 'Compare levels of care'),
            compareTable(estimates, levelName),
          ];
    replaceChildren(
      this.result,
      ...body,
      ...notes,
      el(
        'details',
        { class: 'assumptions' },
        el('summary', {}, 'What this estimate assumes'),
        el('ul', {}, ...first.assumptions.map((line) => el('li', {}, line))),
      ),
      el('p', { class: 'disclaimer' }, first.disclaimer),
      this.changeAnswersButton(),
    );
    this.result.hidden = false;
    this.result.querySelector<HTMLElement>('#result-title')?.focus();
  }

  private changeAnswersButton(): HTMLButtonElement {
    const button = el('button', { type: 'button', class: 'secondary' }, 'Change my answers');
    button.addEventListener('click', () => this.controls.level.focus());
    return button;
  }

  private showProblems(problems: FieldProblem[]): void {
    for (const { field, message } of problems) this.showError(field, message);
    const list = el(
      'ul',
      {},
      ...problems.map(({ field, message }) => {
        const link = el('a', { href: `#${field}` }, message);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          this.focusField(field);
        });
        return el('li', {}, link);
      }),
    );
    const count = problems.length === 1 ? 'One answer needs' : `${problems.length} answers need`;
    replaceChildren(this.errorSummary, el('h3', {}, `${count} your attention`), list);
    this.errorSummary.hidden = false;
    this.errorSummary.focus();
  }

  private showError(field: FormField, message: string): void {
    const error = this.fieldErrors.get(field);
    if (error === undefined) return;
    error.textContent = message;
    error.hidden = false;
    for (const control of this.controlsOf(field)) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [this.fieldHints.get(field), error.id].filter(Boolean).join(' '));
    }
  }

  private clearError(field: FormField): void {
    const error = this.fieldErrors.get(field);
    if (error === undefined) return;
    error.textContent = '';
    error.hidden = true;
    for (const control of this.controlsOf(field)) {
      control.removeAttribute('aria-invalid');
      const hint = this.fieldHints.get(field);
      if (hint === undefined) control.removeAttribute('aria-describedby');
      else control.setAttribute('aria-describedby', hint);
    }
  }

  private clearErrors(): void {
    for (const field of this.fieldErrors.keys()) this.clearError(field);
    this.errorSummary.hidden = true;
    replaceChildren(this.errorSummary);
    this.alert.hidden = true;
    replaceChildren(this.alert);
  }

  private controlsOf(field: FormField): HTMLElement[] {
    const c = this.controls;
    if (field === 'payment') return [c.paymentInsured, c.paymentSelfPay];
    if (field === 'network') return [c.networkIn, c.networkOut];
    const control = this.root.getElementById(field);
    return control === null ? [] : [control];
  }

  private focusField(field: FormField): void {
    this.controlsOf(field)
      .find((control) => !(control as HTMLInputElement).disabled)
      ?.focus();
  }

  /** Any failure that is not about one field: a clear message where the result would be, and a retry when useful. */
  private showFailure(error: unknown, retry: () => void): void {
    const { message, retry: retryable } =
      error instanceof ApiProblem
        ? describeFailure(error.failure)
        : { message: 'Something went wrong in this page. Please reload it and try again.', retry: false };
    const children: Node[] = [el('p', {}, message)];
    if (retryable) {
      const button = el('button', { type: 'button', class: 'secondary' }, 'Try again');
      button.addEventListener('click', () => {
        this.alert.hidden = true;
        retry();
      });
      children.push(button);
    }
    replaceChildren(this.alert, ...children);
    this.alert.hidden = false;
  }

  private setBusy(busy: boolean, message: string): void {
    this.busy = busy;
    this.submitButton.disabled = busy;
    this.form.setAttribute('aria-busy', String(busy));
    this.status.textContent = message;
  }
}

/** Today on the person's own calendar, `YYYY-MM-DD`. */
function localToday(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function radio(name: string, value: string, id: string): HTMLInputElement {
  return el('input', { type: 'radio', name, value, id });
}

function moneyInput(id: string): HTMLInputElement {
  return el('input', { id, name: id, type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'money' });
}

function fillSelect(
  select: HTMLSelectElement,
  placeholder: string,
  options: readonly (readonly [string, string])[],
): void {
  replaceChildren(
    select,
    el('option', { value: '' }, placeholder),
    ...options.map(([value, text]) => el('option', { value }, text)),
  );
}

/** A 400's field errors that belong to a field of this form (the API checks what the page checks, and more). */
function apiFieldProblems(problem: ApiProblem): FieldProblem[] {
  const { failure } = problem;
  if (failure.kind !== 'http' || failure.status !== 400) return [];
  return (failure.body?.details?.fields ?? []).flatMap(({ field, messages }) => {
    const formField = formFieldOfApiField(field);
    return formField === undefined ? [] : [{ field: formField, message: messages.join('; ') }];
  });
}

function breakdownTable(estimate: EstimateAnswer): HTMLTableElement {
  return el(
    'table',
    { class: 'breakdown', 'data-testid': 'breakdown' },
    el('caption', {}, `How we worked it out, for ${unitsText(estimate.units, estimate.unit)} of care`),
    el(
      'tbody',
      {},
      ...breakdownRows(estimate).map((row) =>
        el(
          'tr',
          { class: row.role },
          el(
            'th',
            { scope: 'row' },
            el('span', { class: 'row-label' }, row.label),
            el('span', { class: 'explanation' }, row.explanation),
          ),
          el('td', {}, row.amount),
        ),
      ),
    ),
  );
}

function compareTable(estimates: EstimateAnswer[], levelName: (code: LevelOfCare) => string): HTMLTableElement {
  const preAuth = (e: EstimateAnswer): string =>
    e.coverageType === 'self_pay'
      ? 'Not needed (self-pay)'
      : e.preAuthRequired
        ? 'Usually required'
        : 'Not usually required';
  const course = (e: EstimateAnswer): string =>
    e.range.lowUnits === e.range.highUnits
      ? unitsText(e.range.lowUnits, e.unit)
      : `${e.range.lowUnits} to ${unitsText(e.range.highUnits, e.unit)}`;
  const headings = ['Level of care', 'Usual length', 'Estimated cost to you', 'Insurance approval first?'];
  return el(
    'table',
    { class: 'compare', 'data-testid': 'compare' },
    el('caption', {}, 'Estimated cost to you for each level of care, at its usual length'),
    el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...estimates.map((e) =>
        el(
          'tr',
          { 'data-level': e.levelOfCare },
          el(
            'th',
            { scope: 'row' },
            el('span', { class: 'row-label' }, levelName(e.levelOfCare)),
            el('span', { class: 'explanation' }, LEVEL_EXPLANATIONS[e.levelOfCare]),
          ),
          el('td', { 'data-label': headings[1] }, course(e)),
          el('td', { 'data-label': headings[2], class: 'amount' }, rangeText(e)),
          el('td', { 'data-label': headings[3] }, preAuth(e)),
        ),
      ),
    ),
  );
}
