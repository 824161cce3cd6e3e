import { executableProcessId } from './executable-process-id';

const definitions = (body: string): string =>
  `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">${body}</bpmn:definitions>`;

describe('executableProcessId', () => {
  it('given one executable process among others, when scanned, then its id is returned', () => {
    const xml = definitions(
      `<bpmn:process id="library" isExecutable="false"/><bpmn:process isExecutable='true' id='review'><bpmn:startEvent id="s"/></bpmn:process>`,
    );

    expect(executableProcessId(xml)).toBe('review');
  });

  it('given an unprefixed process, when scanned, then its id is returned', () => {
    expect(
      executableProcessId('<definitions><process id="p1" isExecutable="true"/></definitions>'),
    ).toBe('p1');
  });

  it('given an executable process only inside a comment, when scanned, then there is none', () => {
    expect(
      executableProcessId(definitions('<!-- <bpmn:process id="x" isExecutable="true"> -->')),
    ).toBeNull();
  });

  it('given two executable processes, when scanned, then it refuses to choose', () => {
    const xml = definitions(
      '<bpmn:process id="a" isExecutable="true"/><bpmn:process id="b" isExecutable="true"/>',
    );

    expect(executableProcessId(xml)).toBeNull();
  });
});
