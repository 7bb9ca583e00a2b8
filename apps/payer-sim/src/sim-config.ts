import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { parse as parseYaml } from 'yaml';
import { StartupError } from '@continuum/common';
import { DEFAULT_RULES, type DecisionRule } from './decision-rules';
import { parseRules, RulesError } from './decision-rules-parser';

/** The payer sim's settings, read once from the environment by `main.ts`. */
export interface SimConfig {
  port: number;
  host: string;
  /** Base URL of Continuum's API; callbacks go to `${callbackUrl}/v1/webhooks/payers/<payerCode>`. */
  callbackUrl: string | null;
  /** Standard Webhooks secret (`whsec_…`) per payer code. */
  webhookSecrets: ReadonlyMap<string, string>;
  decisionDelayMs: number;
  /** Bearer token of the `/v1/sim/*` control endpoints; null leaves them open. */
  adminToken: string | null;
  rules: DecisionRule[];
  /** Where the rules came from, for the start log: a file path or `defaults`. */
  rulesSource: string;
  logLevel: string;
}

export const SIM_DEFAULTS = { port: 3100, host: '127.0.0.1', decisionDelayMs: 0, logLevel: 'info' } as const;

const MAX_DELAY_MS = 86_400_000;
export const PAYER_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const LOG_LEVELS = [...Object.keys(pino.levels.values), 'silent'];

export class SimConfigError extends StartupError {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Values are never echoed in problems: a secret or a URL with a password could be among them. */
export function loadSimConfig(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): SimConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const integer = (name: string, fallback: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(parsed <= max)) problems.push(`${name}: must be a whole number from 0 to ${max}`);
    return parsed;
  };

  const port = integer('PAYER_SIM_PORT', SIM_DEFAULTS.port, 65_535);
  const decisionDelayMs = integer('PAYER_SIM_DECISION_DELAY_MS', SIM_DEFAULTS.decisionDelayMs, MAX_DELAY_MS);
  const logLevel = value('LOG_LEVEL') ?? SIM_DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`);

  const callbackUrl = value('PAYER_SIM_CALLBACK_URL') ?? null;
  if (callbackUrl !== null && !isHttpUrl(callbackUrl)) {
    problems.push('PAYER_SIM_CALLBACK_URL: must be an http:// or https:// URL');
  }
  const webhookSecrets = parseSecrets(value('PAYER_SIM_WEBHOOK_SECRETS'), problems);
  const rulesFile = value('PAYER_SIM_RULES_FILE');
  const rules = rulesFile === undefined ? [...DEFAULT_RULES] : readRules(rulesFile, readFile, problems);

  if (problems.length > 0) throw new SimConfigError(problems);
  return {
    port,
    host: value('PAYER_SIM_HOST') ?? SIM_DEFAULTS.host,
    callbackUrl: callbackUrl?.replace(/\/+$/, '') ?? null,
    webhookSecrets,
    decisionDelayMs,
    adminToken: value('PAYER_SIM_ADMIN_TOKEN') ?? null,
    rules,
    rulesSource: rulesFile ?? 'defaults',
    logLevel,
  };
}

const isHttpUrl = (text: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
};

/** `payerCode=whsec_…` pairs separated by commas. */
function parseSecrets(raw: string | undefined, problems: string[]): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const [i, pair] of (raw ?? '').split(',').entries()) {
    if (pair.trim() === '') continue;
    const separator = pair.indexOf('=');
    const payerCode = pair.slice(0, Math.max(separator, 0)).trim();
    const secret = pair.slice(separator + 1).trim();
    const where = `PAYER_SIM_WEBHOOK_SECRETS (entry ${i + 1})`;
    if (!PAYER_CODE.test(payerCode)) problems.push(`${where}: expected payerCode=whsec_<base64>`);
    else if (!isWebhookSecret(secret)) problems.push(`${where}: the secret of ${payerCode} is not whsec_<base64>`);
    else if (secrets.has(payerCode)) problems.push(`${where}: ${payerCode} is listed twice`);
    else secrets.set(payerCode, secret);
  }
  return secrets;
}

const isWebhookSecret = (secret: string): boolean => {
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) return false;
  try {
    new Webhook(secret);
    return true;
  } catch {
    return false;
  }
};

function readRules(path: string, readFile: (path: string) => string, problems: string[]): DecisionRule[] {
  let document: unknown;
  try {
    // YAML is a superset of JSON: one parser reads both.
    document = parseYaml(readFile(path));
  } catch (error) {
    problems.push(`PAYER_SIM_RULES_FILE: cannot read ${path}: ${(error as Error).message}`);
    return [];
  }
  try {
    return parseRules(document);
  } catch (error) {
    if (!(error instanceof RulesError)) throw error;
    problems.push(...error.problems.map((problem) => `PAYER_SIM_RULES_FILE: ${problem}`));
    return [];
  }
}
