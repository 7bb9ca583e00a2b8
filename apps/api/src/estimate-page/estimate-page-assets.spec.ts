import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEstimatePageFile, loadEstimatePageAssets } from './estimate-page-assets';

describe('estimate page assets', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'estimator-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('is undefined until every file of the page was built', () => {
    expect(loadEstimatePageAssets(directory)).toBeUndefined();
    writeFileSync(join(directory, 'index.html'), '<!doctype html>');
    writeFileSync(join(directory, 'estimator.js'), 'void 0;');
    expect(loadEstimatePageAssets(directory)).toBeUndefined();
  });

  it('reads each file with its content type and an ETag that changes with its content', () => {
    writeFileSync(join(directory, 'index.html'), '<!doctype html>');
    writeFileSync(join(directory, 'estimator.js'), 'void 0;');
    writeFileSync(join(directory, 'estimator.css'), 'p{}');
    const first = loadEstimatePageAssets(directory);
    expect(first?.get('estimator.js')).toEqual({
      body: Buffer.from('void 0;'),
      contentType: 'text/javascript; charset=utf-8',
      etag: expect.stringMatching(/^"[\w-]{27}"$/),
    });
    expect(first?.get('index.html')?.contentType).toBe('text/html; charset=utf-8');
    writeFileSync(join(directory, 'estimator.js'), 'void 1;');
    expect(loadEstimatePageAssets(directory)?.get('estimator.js')?.etag).not.toBe(first?.get('estimator.js')?.etag);
  });

  it('serves only the page’s own files, never a path or an inherited name', () => {
    expect(['index.html', 'estimator.js', 'estimator.css'].every(isEstimatePageFile)).toBe(true);
    for (const name of ['../package.json', 'estimator.js.map', 'toString', '__proto__', '']) {
      expect(isEstimatePageFile(name)).toBe(false);
    }
  });
});
