import { describeRefusedConnection } from './refused-connection';

describe('describeRefusedConnection', () => {
  const agentError = (address: string): Error =>
    new Error(`DNS lookup ${address}(family:4, host:payer.example) is not allowed. Because, It is private IP address.`);

  it('names the refused address, not the host name', () => {
    expect(describeRefusedConnection(agentError('10.0.0.5'))).toBe('refused: 10.0.0.5 is not a public address');
  });

  it('finds the refusal in a cause chain', () => {
    const wrapped = new TypeError('fetch failed', { cause: agentError('169.254.169.254') });
    expect(describeRefusedConnection(wrapped)).toBe('refused: 169.254.169.254 is not a public address');
  });

  it('is null for other errors', () => {
    expect(
      describeRefusedConnection(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBeNull();
    expect(describeRefusedConnection('not an error')).toBeNull();
    expect(describeRefusedConnection(null)).toBeNull();
  });
});
