import { Checker } from './checker';
import { DiagnosticSink, locateDiagnostics } from './diagnostics';
import type {
  CompileOptions,
  CompileResult,
  CompiledExpression,
  EvaluationContext,
  ExpressionFault,
  TypeScope,
  Value,
  ValueScope,
} from './expression-api';
import { FaultSignal, makeFault } from './faults';
import { parseInto } from './parser';
import { formatType, isAssignable } from './value-types';

/**
 * Parses, checks and compiles an expression into nested closures. Nothing is executed at compile
 * time and no JavaScript source is ever produced; a rejected expression never becomes code.
 */
export function compileExpression(
  source: string,
  types: TypeScope,
  options: CompileOptions = {},
): CompileResult {
  const sink = new DiagnosticSink();
  const ast = parseInto(source, sink, options);
  if (!ast) return { ok: false, diagnostics: locateDiagnostics(source, sink.items) };
  const checker = new Checker(types, sink);
  const checked = checker.check(ast);
  const expected = options.expectedType;
  if (expected && checked.type.kind !== 'error' && !isAssignable(checked.type, expected)) {
    sink.report(
      'type-mismatch',
      `表达式应为 ${formatType(expected)}，实际为 ${formatType(checked.type)}`,
      `expression must be ${formatType(expected)}, got ${formatType(checked.type)}`,
      ast.start,
      ast.end,
    );
  }
  if (sink.hasErrors || checked.type.kind === 'error') {
    return { ok: false, diagnostics: locateDiagnostics(source, sink.items) };
  }
  const root = checked.build();
  const type = checked.type;
  const expression: CompiledExpression = {
    source,
    type,
    dependencies: Object.freeze([...checker.dependencies]),
    evaluate(scope: ValueScope, context: EvaluationContext): Value | ExpressionFault {
      try {
        return root(scope, context);
      } catch (e) {
        if (e instanceof FaultSignal) return e.fault;
        const detail = e instanceof Error ? e.message : String(e);
        return makeFault('internal', `求值失败：${detail}`, `evaluation failed: ${detail}`);
      }
    },
  };
  return { ok: true, expression: Object.freeze(expression) };
}
