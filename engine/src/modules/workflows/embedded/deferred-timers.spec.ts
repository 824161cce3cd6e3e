import { DeferredTimers } from './deferred-timers';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const HOUR = 3_600_000;

describe('DeferredTimers', () => {
  it('given a new timer, when bpmn-engine sets it, then it is due its delay after the injected now, without parse lag', () => {
    const sut = new DeferredTimers(NOW, []);

    sut
      .register({})
      .setTimeout(() => undefined, 24 * HOUR + 2, { id: 'overdue', executionId: 'overdue_1' });

    expect(sut.records()).toEqual([
      { timerId: 'overdue_1', activityId: 'overdue', dueAt: new Date(NOW.getTime() + 24 * HOUR) },
    ]);
  });

  it('given a timer recorded before a restart, when the engine sets it again on resume, then the first due time is kept', () => {
    const dueAt = new Date(NOW.getTime() + HOUR);
    const sut = new DeferredTimers(new Date(NOW.getTime() + 10 * HOUR), [
      { timerId: 'overdue_1', activityId: 'overdue', dueAt },
    ]);

    sut.setTimeout(() => undefined, 5, { id: 'overdue', executionId: 'overdue_1' });

    expect(sut.records()[0]?.dueAt).toEqual(dueAt);
  });

  it('given timers due and not due, when fireDue runs, then only the due ones fire, earliest first', () => {
    const sut = new DeferredTimers(NOW, []);
    const fired: string[] = [];
    sut.setTimeout((arg: unknown) => fired.push(String((arg as { id: string }).id)), 2 * HOUR, {
      id: 'b',
      executionId: 'b_1',
    });
    sut.setTimeout((arg: unknown) => fired.push(String((arg as { id: string }).id)), HOUR, {
      id: 'a',
      executionId: 'a_1',
    });
    sut.setTimeout(() => fired.push('c'), 3 * HOUR, { id: 'c', executionId: 'c_1' });

    const count = sut.fireDue(new Date(NOW.getTime() + 2 * HOUR));

    expect(count).toBe(2);
    expect(fired).toEqual(['a', 'b']);
    expect(sut.records().map((t) => t.timerId)).toEqual(['c_1']);
  });

  it('given a cleared timer, when time passes, then it neither fires nor is saved', () => {
    const sut = new DeferredTimers(NOW, []);
    const timer = sut.setTimeout(
      () => {
        throw new Error('must not fire');
      },
      HOUR,
      { id: 'a', executionId: 'a_1' },
    );

    sut.clearTimeout(timer);

    expect(sut.fireDue(new Date(NOW.getTime() + 2 * HOUR))).toBe(0);
    expect(sut.executing).toEqual([]);
  });
});
