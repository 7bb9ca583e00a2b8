// Imported first by main.ts: on an unsupported Node, stop with one line before any dependency can fail obscurely.
import { unsupportedNodeMessage } from '../../../libs/common/src/process/node-version';

const problem = unsupportedNodeMessage(process.versions.node);
if (problem !== null) {
  process.stderr.write(`[launcher] ${problem}\n`);
  process.exit(1);
}
