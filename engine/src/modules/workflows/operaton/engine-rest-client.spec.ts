import { OperatonRequestError, restPath } from './engine-rest-client';

describe('engine-rest client helpers', () => {
  it('Given ids with reserved characters, When a path is built, Then only the ids are encoded', () => {
    const id = 'a/b?c';
    expect(restPath`/task/${id}/complete`).toBe('/task/a%2Fb%3Fc/complete');
  });

  it('Given an engine message quoting a value, When the error is made, Then the quoted parts are elided from its message', () => {
    const error = new OperatonRequestError(
      'POST',
      '/task/1/complete',
      400,
      'InvalidRequestException',
      `Cannot convert value '440101199001011234' of type "Integer"`,
    );

    expect(error.message).toBe(
      'Operaton POST /task/1/complete → 400 InvalidRequestException: Cannot convert value \'…\' of type "…"',
    );
    expect(error.engineMessage).toContain('440101199001011234');
  });

  it('Given the answers engine-rest gives for a missing task, When checked, Then they count as a missing task and others do not', () => {
    const missing = (status: number, message: string) =>
      new OperatonRequestError('POST', '/task/x/complete', status, 'RestException', message)
        .isMissingTask;

    expect(missing(500, 'Cannot complete task x: Cannot find task with id x: task is null')).toBe(
      true,
    );
    expect(missing(404, 'No task found with id x')).toBe(true);
    expect(missing(500, 'ENGINE-02004 No outgoing sequence flow')).toBe(false);
    expect(missing(400, 'Cannot find task with id x')).toBe(false);
  });
});
