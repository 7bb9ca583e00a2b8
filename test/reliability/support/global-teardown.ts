import e2eGlobalTeardown from '../../support/global-teardown';
import { formatSummary, readDrillResults, resultsFile } from './results';

/** Prints the drills' summary table, then drops this run's databases and Redis keys as the e2e suites do. */
export default async function reliabilityGlobalTeardown(): Promise<void> {
  const results = readDrillResults();
  const table = results.length > 0 ? formatSummary(results) : '(no drill recorded a result)';
  process.stdout.write(`\nReliability drills (${resultsFile()}):\n${table}\n\n`);
  await e2eGlobalTeardown();
}
