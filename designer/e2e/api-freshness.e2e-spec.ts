import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('the generated engine client', () => {
  it('matches the OpenAPI document the built engine serves today', () => {
    // given the engine as built, when its document is turned into types again
    const run = spawnSync(
      process.execPath,
      [join(__dirname, '../scripts/generate-api.mjs'), '--check'],
      {
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    // then nothing differs from the committed file (else: npm run api:generate -w designer)
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain('matches');
  });
});
