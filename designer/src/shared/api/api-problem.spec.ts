import { ApiProblem, messagesOf, networkProblem, problemFrom } from './api-problem';

describe('problems from engine answers', () => {
  it('keeps the engine’s Chinese and English messages and their paths', () => {
    const sut = problemFrom(422, {
      statusCode: 422,
      error: 'INVALID_PARAMETERS',
      errors: [
        {
          path: '/values/feverThreshold',
          code: 'above-maximum',
          message: { zh: '参数“feverThreshold”不能大于 42', en: 'may not be above 42' },
        },
      ],
    });
    expect(sut.code).toBe('INVALID_PARAMETERS');
    expect(sut.messagesAt('/values/feverThreshold')).toEqual([
      { zh: '参数“feverThreshold”不能大于 42', en: 'may not be above 42' },
    ]);
    expect(sut.messagesAt('')).toEqual([]);
  });

  it('turns a body not shaped like the engine’s (a proxy’s HTML page) into one message', () => {
    const sut = problemFrom(502, '<html>Bad gateway</html>');
    expect(sut.code).toBe('HTTP_502');
    expect(messagesOf(sut)).toEqual([{ zh: '请求失败（502）', en: 'Failed (502)' }]);
  });

  it('says in Chinese that the server was not reached', () => {
    const sut = networkProblem();
    expect(sut).toBeInstanceOf(ApiProblem);
    expect(sut.status).toBe(0);
    expect(messagesOf(sut)[0]?.zh).toContain('无法连接服务器');
  });
});
