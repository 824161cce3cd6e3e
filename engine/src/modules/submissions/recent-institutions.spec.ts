import { FakeInstitutions } from '../../../test/medium/submissions/submission-fixtures';
import { INSTITUTION_CACHE_TTL_MS, RecentInstitutions } from './recent-institutions';

describe('RecentInstitutions', () => {
  afterEach(() => jest.restoreAllMocks());

  it('given repeated look-ups within a second, when asked, then the directory is read once', async () => {
    const directory = new FakeInstitutions().add('clinic-a');
    const read = jest.spyOn(directory, 'institution');
    const sut = new RecentInstitutions(directory);

    for (let i = 0; i < 5; i++) await sut.institution('clinic-a');

    expect(read).toHaveBeenCalledTimes(1);
  });

  it('given a status changed in the directory, when the second has passed, then the new status is read', async () => {
    const directory = new FakeInstitutions().add('clinic-a');
    const sut = new RecentInstitutions(directory);
    let now = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => now);
    await sut.institution('clinic-a');
    directory.add('clinic-a', 'suspended');

    const within = await sut.institution('clinic-a');
    now += INSTITUTION_CACHE_TTL_MS + 1;
    const after = await sut.institution('clinic-a');

    expect(within?.status).toBe('approved');
    expect(after?.status).toBe('suspended');
  });

  it('given a clinic under review, when it is approved, then the next look-up sees the approval at once', async () => {
    const directory = new FakeInstitutions().add('clinic-p', 'pending');
    const sut = new RecentInstitutions(directory);

    expect((await sut.institution('clinic-p'))?.status).toBe('pending');
    directory.add('clinic-p', 'approved');

    expect((await sut.institution('clinic-p'))?.status).toBe('approved');
  });

  it('given an unknown id, when it appears later, then it is found at once', async () => {
    const directory = new FakeInstitutions();
    const sut = new RecentInstitutions(directory);

    expect(await sut.institution('new-clinic')).toBeNull();
    directory.add('new-clinic');
    expect((await sut.institution('new-clinic'))?.id).toBe('new-clinic');
  });
});
