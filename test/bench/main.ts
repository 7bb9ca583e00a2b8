import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BullmqBaseline, startHelloFastify, WORKER_CONCURRENCY } from './baselines';
import { type BenchConfig, readBenchConfig } from './config';
import { CpuMeter } from './cpu';
import { type LoadSpec, runLoad, type RunStats } from './load';
import type { BenchProcess } from './processes';
import {
  failed,
  median,
  renderCpuTable,
  renderTable,
  type ScenarioResult,
  summarize,
  type ScenarioSummary,
  writeReport,
} from './report';
import { type MemoryReport, RssSampler } from './rss';
import {
  drain,
  estimateSpec,
  insertFillerRows,
  intakeSpec,
  runPipeline,
  type ScenarioPlans,
  webhookSpec,
} from './scenarios';
import { BenchStack, ESTIMATE_PLAN, MANUAL_PLAN } from './stack';

/**
 * `npm run bench`: starts the API, worker and sandbox payer on a database and Redis prefix of their own, then
 * measures each scenario against a baseline run on the same machine in the same minute (A, S, A, S, …), and
 * reports medians and ratios. Settings: see config.ts (BENCH_DURATION_SECONDS, BENCH_ROUNDS, …).
 */
const say = (line = ''): void => void process.stdout.write(`${line}\n`);

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'bench');
const LOGS = join(ARTIFACTS, 'logs');

async function main(): Promise<number> {
  const config = readBenchConfig();
  mkdirSync(LOGS, { recursive: true });
  const stack = new BenchStack(config, LOGS);
  const bull = new BullmqBaseline(config.redisUrl, `${stack.prefix}_baseline_b`);
  let hello: { url: string; process: BenchProcess } | undefined;
  let sampler: RssSampler | undefined;
  let memory: MemoryReport = {};
  const results: ScenarioResult[] = [];
  const events: Record<string, number | string> = {};
  let failure: Error | undefined;

  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      if (sampler !== undefined) memory = sampler.stop();
      await Promise.allSettled([hello?.process.stop(), bull.stop()]);
      const problems = await stack.close();
      for (const problem of problems) say(`cleanup: ${problem}`);
      say(`cleaned up: database ${stack.databaseName} dropped, Redis keys ${stack.prefix}* deleted`);
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`\n${signal}: stopping and cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    say(
      `bench ${stack.id}: ${config.rounds} round(s) of ${config.durationSeconds} s, ${config.connections} connections, pipelining 1`,
    );
    say(`starting the payer sim, API and worker (logs in ${LOGS}) …`);
    await stack.start();
    events.catalogImport10Ms = await stack.importCatalog(stack.catalogWithPlans(10));
    const plans = await lookUpPlans(stack);
    hello = await startHelloFastify(join(LOGS, `${stack.id}-hello-fastify.log`));
    await bull.start(join(LOGS, `${stack.id}-bullmq-baseline.log`));
    const { api, worker } = stack;
    if (api === undefined || worker === undefined) throw new Error('the stack did not start');
    sampler = new RssSampler({ api: api.pid, worker: worker.pid });
    sampler.start();
    const cpu = new CpuMeter({ api: api.pid, worker: worker.pid, payerSim: stack.sim?.pid ?? -1 }, stack.databaseName);

    const helloUrl = hello.url;
    const baselineA: LoadSpec = { method: 'GET', path: '/', expectStatus: 200 };
    const timed = { durationSeconds: config.durationSeconds };
    const warm = { durationSeconds: config.warmupSeconds };
    const runA = (size = timed): Promise<RunStats> => runLoad(helloUrl, baselineA, config.connections, size);
    const runS = (spec: LoadSpec, size = timed): Promise<RunStats> =>
      runLoad(stack.apiUrl, spec, config.connections, size);
    /** A measured run of the scenario, with the CPU each process spent per request during it. */
    const measureS = async (spec: LoadSpec): Promise<RunStats> => {
      const before = cpu.snapshot();
      const started = Date.now();
      const stats = await runS(spec);
      return { ...stats, cpu: cpu.since(before, stats.total, Date.now() - started) };
    };

    /**
     * Warm-up, then A and S alternately. `worker`: what the worker does during the measured runs of a scenario
     * that gives it work: `running` alongside (each run then waits for it to catch up), or `paused` (its queue
     * paused, so it takes none of the machine's two cores; it catches up after each run).
     */
    const alternateWithA = async (
      key: string,
      title: string,
      spec: () => LoadSpec,
      target: string,
      evaluate: ((summary: ScenarioSummary) => boolean) | null,
      worker: 'no work' | 'running' | 'paused' = 'no work',
    ): Promise<ScenarioResult> => {
      const measured = async (run: () => Promise<RunStats>): Promise<{ stats: RunStats; caughtUp: boolean }> => {
        if (worker === 'paused') await stack.pauseWorker();
        const stats = await run();
        if (worker === 'paused') await stack.resumeWorker();
        return { stats, caughtUp: worker === 'no work' || (await drain(stack)) };
      };
      sampler?.enter(key);
      say(`${title}: warm-up …`);
      await runA(warm);
      await measured(() => runS(spec(), warm));
      const result: ScenarioResult = {
        key,
        title,
        baseline: 'A',
        baselineRuns: [],
        runs: [],
        ratios: [],
        target,
        met: null,
        notes: [],
      };
      for (let round = 1; round <= config.rounds; round += 1) {
        const a = await runA();
        const { stats: s, caughtUp } = await measured(() => measureS(spec()));
        if (!caughtUp) result.notes.push(`round ${round}: the worker had not caught up after 180 s`);
        result.baselineRuns.push(a.requestsPerSecond);
        result.runs.push(s);
        result.ratios.push(s.requestsPerSecond / a.requestsPerSecond);
        say(
          `  round ${round}: A ${a.requestsPerSecond.toFixed(0)} req/s, ${title} ${s.requestsPerSecond.toFixed(0)} req/s, p99 ${s.p99} ms, errors ${s.errors}, non-2xx ${s.non2xx}`,
        );
      }
      if (evaluate !== null) result.met = evaluate(summarize(result));
      results.push(result);
      return result;
    };

    const wanted = (key: string): boolean => config.scenarios === null || config.scenarios.includes(key);
    if (wanted('api-floor')) {
      const floor = await alternateWithA(
        'api-floor',
        'API floor: GET /health/live',
        () => ({ method: 'GET', path: '/health/live', expectStatus: 200 }),
        '-',
        null,
      );
      floor.notes.push(
        "our API's cheapest route (no key, no body, no database): what NestJS, Fastify, helmet, CORS and the request log cost before any feature runs",
      );
    }
    const estimateTarget = '≥0.50×A, p99<25ms';
    const estimateMet = (s: ScenarioSummary): boolean => s.ratio.median >= 0.5 && s.p99 < 25;
    let insured10: ScenarioResult | undefined;
    if (wanted('estimate-insured')) {
      insured10 = await alternateWithA(
        'estimate-insured',
        'estimate insured IOP',
        () => estimateSpec(stack, 'insured', plans.estimate),
        estimateTarget,
        estimateMet,
      );
      insured10.notes.push('billing key (admissions keys are rate-limited per address); catalog of 10 plans');
    }
    if (wanted('estimate-self-pay'))
      await alternateWithA(
        'estimate-self-pay',
        'estimate self-pay sliding',
        () => estimateSpec(stack, 'self_pay', plans.estimate),
        estimateTarget,
        estimateMet,
      );
    if (wanted('estimate-levels'))
      await alternateWithA(
        'estimate-levels',
        'estimate all levels',
        () => estimateSpec(stack, 'levels', plans.estimate),
        estimateTarget,
        estimateMet,
      );
    let intake: ScenarioResult | undefined;
    if (wanted('intake')) {
      intake = await alternateWithA(
        'intake',
        'pre-auth intake',
        () => intakeSpec(stack, plans.manual, 'intake'),
        '≥1000 req/s',
        (s) => s.requestsPerSecond >= 1000,
        'paused',
      );
      intake.notes.push(
        "a manual payer's plan; the worker is paused while each run is measured (in production it runs on other cores) and catches up after it: 'intake, worker running' shows both on two cores",
      );
    }
    if (wanted('intake-worker-running')) {
      const shared = await alternateWithA(
        'intake-worker-running',
        'pre-auth intake, worker running',
        () => intakeSpec(stack, plans.manual, 'intake-shared'),
        '-',
        null,
        'running',
      );
      shared.notes.push(
        'the same, with the worker submitting (marking submitted) on the same two cores; each run waits for it to catch up',
      );
    }
    if (wanted('webhook-ingest')) {
      const callbacks = await alternateWithA(
        'webhook-ingest',
        'payer webhook ingestion',
        () => webhookSpec(stack),
        '-',
        null,
        'running',
      );
      callbacks.notes.push(
        'signed in setupRequest with standardwebhooks, unique webhook-id; trace numbers match nothing (stored, then filed unmatched)',
      );
    }
    if (wanted('pipeline')) results.push(await measurePipeline(stack, bull, plans, config, sampler, cpu));

    // Scale: the same insured estimate with a catalog of `largeCatalogPlans` plans.
    let bigPlans = plans;
    if (wanted('estimate-insured-large-catalog')) {
      sampler.enter('catalog-import-large');
      say(`importing a catalog of ${config.largeCatalogPlans} plans …`);
      events.catalogImportLargeMs = await stack.importCatalog(stack.catalogWithPlans(config.largeCatalogPlans));
      events.catalogLargePlans = config.largeCatalogPlans;
      say(`  imported in ${events.catalogImportLargeMs} ms`);
      bigPlans = await lookUpPlans(stack);
      const estimatePlan = bigPlans.estimate;
      const insuredBig = await alternateWithA(
        'estimate-insured-large-catalog',
        `estimate insured, ${config.largeCatalogPlans} plans`,
        () => estimateSpec(stack, 'insured', estimatePlan),
        'p50 ≤1.10× 10 plans',
        null,
      );
      if (insured10 !== undefined) {
        const small = summarize(insured10);
        const big = summarize(insuredBig);
        // The target is on latency (p50, the steadiest percentile); throughput is shown both raw and A-normalized.
        const p50Ratio = big.p50 / small.p50;
        insuredBig.met = p50Ratio <= 1.1;
        insuredBig.notes.push(
          `vs 10 plans: p50 ×${p50Ratio.toFixed(2)}, p97.5 ×${(big.p97_5 / small.p97_5).toFixed(2)}, p99 ×${(big.p99 / small.p99).toFixed(2)}, req/s ×${(big.requestsPerSecond / small.requestsPerSecond).toFixed(2)} (÷A: ×${(big.ratio.median / small.ratio.median).toFixed(2)}); import took ${events.catalogImportLargeMs} ms`,
        );
      }
    }

    // Scale: intake with the table already holding `fillerRows` pre-auths.
    if (wanted('intake-filled-table')) {
      sampler.enter('filler-rows');
      say(`inserting ${config.fillerRows} pre-auth rows …`);
      events.fillerRows = config.fillerRows;
      events.fillerInsertMs = await insertFillerRows(stack, config.fillerRows, bigPlans.manual);
      say(`  inserted in ${events.fillerInsertMs} ms`);
      const manualPlan = bigPlans.manual;
      const intakeBig = await alternateWithA(
        'intake-filled-table',
        `pre-auth intake, ${config.fillerRows} rows`,
        () => intakeSpec(stack, manualPlan, 'intake-filled'),
        '≥1000 req/s',
        (s) => s.requestsPerSecond >= 1000,
        'paused',
      );
      const [{ total }] = await stack.query<{ total: string }>('SELECT count(*) AS total FROM preauth_requests');
      const versus =
        intake === undefined
          ? ''
          : `vs an emptier table: req/s ×${(summarize(intakeBig).requestsPerSecond / summarize(intake).requestsPerSecond).toFixed(2)}, p99 ×${(summarize(intakeBig).p99 / summarize(intake).p99).toFixed(2)}; `;
      intakeBig.notes.push(`${versus}${total} rows at the end`);
    }
    events.baselineAMedianReqPerSec = median(results.filter((r) => r.baseline === 'A').flatMap((r) => r.baselineRuns));
  } catch (error) {
    failure = error as Error;
  } finally {
    await cleanUp();
  }

  say('');
  say(
    `Continuum bench ${stack.id} — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} CPU(s), load generator in this process`,
  );
  say(
    `A = bare Fastify hello-world (GET /), B = raw BullMQ add + process of empty jobs; medians of ${config.rounds} round(s) of ${config.durationSeconds} s; ratio = scenario ÷ baseline run just before it`,
  );
  say('');
  say(renderTable(results));
  say('');
  say(renderCpuTable(results, cpus().length));
  say('');
  say('Peak RSS (MiB):');
  for (const [name, usage] of Object.entries(memory)) {
    const phases = Object.entries(usage.byPhase)
      .map(([phase, mib]) => `${phase} ${mib}`)
      .join(', ');
    say(`  ${name}: peak ${usage.peakRssMiB} (VmHWM ${usage.vmHwmMiB ?? '-'}); by phase: ${phases}`);
  }
  const file = writeReport(ARTIFACTS, {
    id: stack.id,
    finishedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    config: { ...config, adminDatabaseUrl: undefined, redisUrl: undefined },
    estimatesAuth: 'billing key',
    events,
    results,
    memory,
    failure: failure?.message ?? null,
  });
  say(`\nresults: ${file} (and latest.json)`);

  if (failure !== undefined) {
    say(`\nthe bench failed: ${failure.stack ?? failure.message}`);
    return 1;
  }
  const bad = results.filter((result) => failed(summarize(result)));
  if (bad.length > 0) {
    say(`\nerrors or non-2xx answers in: ${bad.map((r) => r.title).join(', ')}`);
    return 1;
  }
  const missed = results.filter((result) => result.met === false);
  say(
    missed.length === 0
      ? 'every target met'
      : `targets missed (not a failure): ${missed.map((r) => r.title).join(', ')}`,
  );
  return 0;
}

/** The pipeline against baseline B: jobs per second on each side, B and P alternately. */
async function measurePipeline(
  stack: BenchStack,
  bull: BullmqBaseline,
  plans: ScenarioPlans,
  config: BenchConfig,
  sampler: RssSampler,
  cpu: CpuMeter,
): Promise<ScenarioResult> {
  sampler.enter('pipeline');
  say('pre-auth pipeline: warm-up …');
  await bull.run(Math.min(500, config.pipelineJobs), config.connections);
  await runPipeline(stack, plans.sandbox, Math.min(200, config.pipelineJobs), config.connections);
  await drain(stack);
  const pipeline: ScenarioResult = {
    key: 'pipeline',
    title: 'pre-auth pipeline e2e',
    baseline: 'B',
    baselineRuns: [],
    runs: [],
    ratios: [],
    target: '≥0.25×B',
    met: null,
    notes: [
      `${config.pipelineJobs} requests a round, ${config.connections} in flight; decided/s from the first POST to the last approval; B: raw BullMQ, empty jobs, concurrency ${WORKER_CONCURRENCY}, adds ${config.connections} at a time`,
    ],
  };
  for (let round = 1; round <= config.rounds; round += 1) {
    const b = await bull.run(config.pipelineJobs, config.connections);
    const before = cpu.snapshot();
    const started = Date.now();
    const p = await runPipeline(stack, plans.sandbox, config.pipelineJobs, config.connections);
    p.cpu = cpu.since(before, p.total, Date.now() - started);
    if (!(await drain(stack))) pipeline.notes.push(`round ${round}: the worker had not caught up after 180 s`);
    if (b.failed > 0) pipeline.notes.push(`round ${round}: baseline B had ${b.failed} failed jobs`);
    pipeline.baselineRuns.push(b.jobsPerSecond);
    pipeline.runs.push(p);
    pipeline.ratios.push(p.requestsPerSecond / b.jobsPerSecond);
    say(
      `  round ${round}: B ${b.jobsPerSecond.toFixed(0)} jobs/s, pipeline ${p.requestsPerSecond.toFixed(0)} decided/s (intake ${p.intakeRequestsPerSecond.toFixed(0)} req/s), errors ${p.errors}`,
    );
  }
  pipeline.met = summarize(pipeline).ratio.median >= 0.25;
  return pipeline;
}

async function lookUpPlans(stack: BenchStack): Promise<ScenarioPlans> {
  const estimate = await stack.planId(ESTIMATE_PLAN);
  return { estimate, sandbox: estimate, manual: await stack.planId(MANUAL_PLAN) };
}

void main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
