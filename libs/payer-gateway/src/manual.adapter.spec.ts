import { ManualGatewayAdapter } from './manual.adapter';
import { sampleSubmission } from './testing/submission';

describe('ManualGatewayAdapter', () => {
  it('sends nothing: staff send the request themselves', async () => {
    const adapter = new ManualGatewayAdapter();

    expect(adapter.connection).toBe('manual');
    await expect(adapter.submit(sampleSubmission({ connectionType: 'manual' }))).resolves.toEqual({ kind: 'manual' });
  });
});
