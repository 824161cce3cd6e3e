import type { WorkflowLintProblem } from '../runtime';
import { childOf, type ModdleElement } from './bpmn-parse';
import { SINGLE_VARIABLE } from './bpmn-subset-rules';
import { isIsoDuration, isIsoInstant } from './iso-time';
import { compileJuel, compileTemplate } from './juel';
import { JuelSyntaxError } from './juel-errors';
import { bpmnProblem, LintCode } from './lint-problems';

/** Variables an expression reads; `durationOf` names a variable a timer reads as a duration. */
export interface SubsetExpression {
  readonly elementId: string;
  readonly identifiers: readonly string[];
  readonly durationOf?: string;
}

/**
 * The subset's checks of expressions and timers: each expression must compile in the safe JUEL
 * subset, and the variables it reads are collected for the metadata checks.
 */
export class ExpressionChecks {
  constructor(
    private readonly problems: WorkflowLintProblem[],
    private readonly expressions: SubsetExpression[],
  ) {}

  checkTimer(timer: ModdleElement, eventId: string): void {
    const duration = childOf(timer, 'timeDuration');
    const date = childOf(timer, 'timeDate');
    const invalid = (zh: string, en: string) =>
      this.problems.push(bpmnProblem(LintCode.invalidTimer, zh, en, eventId));
    if ((duration === undefined) === (date === undefined)) {
      invalid(
        '定时事件须且只能设置 timeDuration 或 timeDate 之一（不支持 timeCycle）',
        'A timer needs exactly one of timeDuration and timeDate (timeCycle is not supported)',
      );
      return;
    }
    if (duration !== undefined) {
      const body = String(duration['body'] ?? '').trim();
      const variable = SINGLE_VARIABLE.exec(body)?.[1];
      if (variable !== undefined) {
        const compiled = this.compile(body, eventId);
        if (compiled !== undefined)
          this.expressions.push({
            elementId: eventId,
            identifiers: [variable],
            durationOf: variable,
          });
      } else if (!isIsoDuration(body)) {
        invalid(
          `timeDuration“${body}”不是 ISO 8601 时长（如 PT24H）或单个变量 \${name}`,
          `timeDuration "${body}" is neither an ISO 8601 duration (e.g. PT24H) nor a single \${variable}`,
        );
      }
    }
    if (date !== undefined) {
      const body = String(date['body'] ?? '').trim();
      if (!isIsoInstant(body))
        invalid(
          `timeDate“${body}”不是带时区的 ISO 8601 时间`,
          `timeDate "${body}" is not an ISO 8601 date-time with an offset`,
        );
    }
  }

  /** A condition (exactly one `${...}`) or a value expression. */
  checkExpression(expression: ModdleElement, elementId: string | undefined): void {
    const body = String(expression['body'] ?? '').trim();
    const compiled = this.compile(body, elementId ?? '');
    if (compiled !== undefined)
      this.expressions.push({
        elementId: elementId ?? '',
        identifiers: compiled.identifiers,
      });
  }

  checkTemplate(text: string, elementId: string): void {
    try {
      const template = compileTemplate(text);
      this.expressions.push({ elementId, identifiers: template.identifiers });
    } catch (e) {
      this.expressionProblem(text, e, elementId);
    }
  }

  private compile(body: string, elementId: string): { identifiers: readonly string[] } | undefined {
    try {
      return compileJuel(body);
    } catch (e) {
      this.expressionProblem(body, e, elementId);
      return undefined;
    }
  }

  private expressionProblem(text: string, e: unknown, elementId: string): void {
    if (!(e instanceof JuelSyntaxError)) throw e;
    this.problems.push(
      bpmnProblem(
        LintCode.invalidExpression,
        `表达式“${text.slice(0, 80)}”第 ${e.position + 1} 个字符处有误：${e.localized.zh}`,
        `Expression "${text.slice(0, 80)}" is invalid at character ${e.position + 1}: ${e.localized.en}`,
        elementId,
      ),
    );
  }
}
