#!/usr/bin/env node
// Runs the end-to-end suites with the Node processes' clock set ahead (default a year; TIME_TRAVEL_OFFSET, in
// libfaketime's syntax: "+365d", "+90d", "+2y"...), to prove no test or code path depends on today's date.
// Only processes named `node` are shifted (FAKETIME_ONLY_CMDS): PostgreSQL and Redis, shared or spawned by a
// test, keep the real clock. Pass Jest arguments after `--` to run fewer suites.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';

const LIBRARY = process.env.FAKETIME_LIB ?? '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
if (!existsSync(LIBRARY)) {
  process.stderr.write(
    `libfaketime not found at ${LIBRARY}: install Debian's "faketime" package or set FAKETIME_LIB\n`,
  );
  process.exit(1);
}
const offset = process.env.TIME_TRAVEL_OFFSET ?? '+365d';
process.stdout.write(`time travel: Node processes run ${offset} ahead of the real clock\n`);
const result = spawnSync('npx', ['jest', ...process.argv.slice(2), '--selectProjects', 'e2e'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    LD_PRELOAD: [LIBRARY, process.env.LD_PRELOAD].filter(Boolean).join(':'),
    FAKETIME: offset,
    FAKETIME_ONLY_CMDS: 'node',
    // Timers and performance.now() run on the monotonic clock; shifting it stalls Node's event loop.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    FAKETIME_DONT_RESET: '1',
  },
});
process.exit(result.status ?? 1);
