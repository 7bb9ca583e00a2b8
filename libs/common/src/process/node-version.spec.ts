import { unsupportedNodeMessage } from './node-version';

describe('unsupportedNodeMessage', () => {
  it.each(['22.22.3', '22.23.5', '24.15.0', '24.20.1', '26.0.0'])('accepts Node %s', (version) => {
    expect(unsupportedNodeMessage(version)).toBeNull();
  });

  it.each(['20.20.2', '22.12.0', '22.22.2', '23.11.0', '24.14.9', '25.1.0', '18.20.0'])(
    'refuses Node %s with one line naming the required version and how to get it',
    (version) => {
      const message = unsupportedNodeMessage(version);
      expect(message).toContain(`this is Node.js ${version}`);
      expect(message).toContain('Node.js 22 LTS (22.22.3 or later');
      expect(message).toContain('nvm install');
      expect(message).not.toContain('\n');
    },
  );
});
