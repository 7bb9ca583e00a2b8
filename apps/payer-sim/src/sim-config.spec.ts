import { DEFAULT_RULES } from './decision-rules';
import { loadSimConfig, SIM_DEFAULTS, SimConfigError } from './sim-config';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

const problemsOf = (env: NodeJS.ProcessEnv, readFile?: (path: string) => string): string[] => {
  try {
    loadSimConfig(env, readFile);
  } catch (error) {
    if (error instanceof SimConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadSimConfig', () => {
  it('has defaults for everything', () => {
    expect(loadSimConfig({})).toEqual({
      ...SIM_DEFAULTS,
      callbackUrl: null,
      webhookSecrets: new Map(),
      adminToken: null,
      rules: DEFAULT_RULES,
      rulesSource: 'defaults',
    });
  });

  it('reads every variable', () => {
    const config = loadSimConfig(
      {
        PAYER_SIM_PORT: '0',
        PAYER_SIM_HOST: '0.0.0.0',
        PAYER_SIM_CALLBACK_URL: 'http://127.0.0.1:3000/',
        PAYER_SIM_WEBHOOK_SECRETS: `BPH=${SECRET}, AET=${SECRET}`,
        PAYER_SIM_DECISION_DELAY_MS: '1500',
        PAYER_SIM_ADMIN_TOKEN: 'token-123',
        PAYER_SIM_RULES_FILE: '/rules.yaml',
        LOG_LEVEL: 'warn',
      },
      () => 'rules:\n  - { when: { payerCode: BPH }, outcome: deny }\n',
    );
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      callbackUrl: 'http://127.0.0.1:3000',
      decisionDelayMs: 1500,
      adminToken: 'token-123',
      rules: [{ when: { payerCode: 'BPH' }, outcome: 'deny' }],
      rulesSource: '/rules.yaml',
      logLevel: 'warn',
    });
    expect([...config.webhookSecrets.keys()]).toEqual(['BPH', 'AET']);
  });

  it('names every bad variable without echoing secrets', () => {
    const problems = problemsOf({
      PAYER_SIM_PORT: '70000',
      PAYER_SIM_DECISION_DELAY_MS: '-1',
      PAYER_SIM_CALLBACK_URL: 'ftp://example',
      PAYER_SIM_WEBHOOK_SECRETS: 'BPH=not-a-secret-value,=whsec_abc',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'PAYER_SIM_PORT: must be a whole number from 0 to 65535',
      'PAYER_SIM_DECISION_DELAY_MS: must be a whole number from 0 to 86400000',
      expect.stringContaining('LOG_LEVEL: must be one of'),
      'PAYER_SIM_CALLBACK_URL: must be an http:// or https:// URL',
      'PAYER_SIM_WEBHOOK_SECRETS (entry 1): the secret of BPH is not whsec_<base64>',
      'PAYER_SIM_WEBHOOK_SECRETS (entry 2): expected payerCode=whsec_<base64>',
    ]);
    expect(problems.join()).not.toContain('not-a-secret-value');
  });

  it('refuses a rules file it cannot read or whose rules are wrong', () => {
    const missing = (): string => {
      throw new Error('ENOENT: no such file');
    };
    expect(problemsOf({ PAYER_SIM_RULES_FILE: '/nope.json' }, missing)).toEqual([
      'PAYER_SIM_RULES_FILE: cannot read /nope.json: ENOENT: no such file',
    ]);
    expect(problemsOf({ PAYER_SIM_RULES_FILE: '/r.json' }, () => '{"rules":[{"outcome":"maybe"}]}')).toEqual([
      expect.stringContaining('PAYER_SIM_RULES_FILE: rules[0].outcome must be one of approve, partial'),
    ]);
  });
});
