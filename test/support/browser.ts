import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { findFreePort } from '../../libs/common/src/process/free-port';

/** Debian's Chromium (`apt-get install chromium`, done by .ci/run); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave screenshots for a person to look at (git-ignored). */
export const SCREENSHOT_DIR = join(__dirname, '..', 'artifacts', 'screenshots');

/**
 * Headless Chromium driven by playwright-core (which never downloads a browser of its own). The flags keep
 * Chromium from calling home: this machine's network is closed, and those attempts only slow it down.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Chromium crashes with libfaketime preloaded (npm run test:time-travel); pages get the test's clock
    // through Playwright's clock emulation instead (useTestClock).
    env: withoutPreload(process.env),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Gives a context's pages the test process's clock (a year ahead under `npm run test:time-travel`, the real
 * one otherwise), flowing normally from there: the estimator page suggests a start date from its own today.
 */
export async function useTestClock(context: BrowserContext): Promise<void> {
  await context.clock.install({ time: Date.now() });
}

export interface StaticSite {
  /** e.g. http://localhost:41234: another origin than the API's http://127.0.0.1:<port>. */
  origin: string;
  /** Path → HTML; may be filled in after the site starts (once its origin is known). */
  pages: Record<string, string>;
  close(): Promise<void>;
}

/** A stand-in for a clinic's website, on its own origin. */
export async function startStaticSite(): Promise<StaticSite> {
  const pages: Record<string, string> = {};
  const port = await findFreePort();
  const server: Server = createServer((request, response) => {
    const page = pages[(request.url ?? '/').split('?')[0] ?? '/'];
    response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${port}`,
    pages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function withoutPreload(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[0] !== 'LD_PRELOAD' && entry[1] !== undefined,
    ),
  );
}
