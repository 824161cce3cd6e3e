import type { CompiledJuel } from './bpmn-contract';
import { JuelSyntaxError } from './juel-errors';
import { compileNode, type Evaluator } from './juel-evaluate';
import { scanExpression, type JuelToken } from './juel-lexer';
import { JuelParser, type JuelNode } from './juel-parser';

/**
 * The JUEL subset both runtimes support (the embedded one evaluates it here, Operaton with its own
 * JUEL), so one BPMN file means the same thing on either. Hand-written lexer and parser compiled
 * to closures: nothing is ever handed to `eval`, and no function or method can be called.
 */

/** Longest text accepted, template or single expression. */
export const MAX_JUEL_LENGTH = 1000;

/** A text with literal parts and `${...}` expressions, compiled once. */
export interface CompiledTemplate {
  readonly source: string;
  /** The expressions in order of appearance. */
  readonly expressions: readonly CompiledJuel[];
  /** Variable names read by any of the expressions. */
  readonly identifiers: readonly string[];
  /** Exactly one expression and nothing else → its raw value; mixed → a string; none → the text. */
  evaluate(lookup: (name: string) => unknown): unknown;
}

type TemplatePart = string | CompiledJuel;

/** Compiles one whole `${...}` or `#{...}` (surrounding white space allowed). */
export function compileJuel(source: string): CompiledJuel {
  refuseTooLong(source);
  const start = source.length - source.trimStart().length;
  if (!startsExpression(source, start))
    throw new JuelSyntaxError(start, {
      zh: '表达式应以“${”开头',
      en: 'An expression starts with "${"',
    });
  const { expression, end } = compileAt(source, start);
  const rest = source.slice(end);
  if (rest.trim() !== '')
    throw new JuelSyntaxError(end + rest.length - rest.trimStart().length, {
      zh: '表达式结束后还有多余的内容',
      en: 'Unexpected text after the expression',
    });
  return expression;
}

/** True when the text contains an (unescaped) `${` or `#{`, i.e. must be compiled, not copied. */
export function isJuelTemplate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && startsExpression(text, i + 1)) i += 2;
    else if (startsExpression(text, i)) return true;
  }
  return false;
}

/** Compiles a text mixing literal parts and expressions; `\${` stands for a literal `${`. */
export function compileTemplate(text: string): CompiledTemplate {
  refuseTooLong(text);
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\' && startsExpression(text, i + 1)) {
      literal += text.slice(i + 1, i + 3);
      i += 3;
    } else if (startsExpression(text, i)) {
      if (literal !== '') parts.push(literal);
      literal = '';
      const { expression, end } = compileAt(text, i);
      parts.push(expression);
      i = end;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal !== '' || parts.length === 0) parts.push(literal);
  const expressions = parts.filter((p): p is CompiledJuel => typeof p !== 'string');
  return {
    source: text,
    expressions,
    identifiers: [...new Set(expressions.flatMap((e) => e.identifiers))],
    evaluate: templateEvaluator(parts),
  };
}

/** Bounded cache: the runtime evaluates the same few conditions for every instance. */
const TEMPLATE_CACHE = new Map<string, CompiledTemplate>();
const TEMPLATE_CACHE_SIZE = 500;

/** Evaluates a template against variables (compiled templates are cached). */
export function evaluateTemplate(text: string, lookup: (name: string) => unknown): unknown {
  let template = TEMPLATE_CACHE.get(text);
  if (template === undefined) {
    template = compileTemplate(text);
    if (TEMPLATE_CACHE.size >= TEMPLATE_CACHE_SIZE) TEMPLATE_CACHE.clear();
    TEMPLATE_CACHE.set(text, template);
  }
  return template.evaluate(lookup);
}

function templateEvaluator(parts: readonly TemplatePart[]): CompiledTemplate['evaluate'] {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (typeof only === 'string') return () => only;
  if (only !== undefined) return (lookup) => only.evaluate(lookup);
  return (lookup) =>
    parts.map((p) => (typeof p === 'string' ? p : coerceToText(p.evaluate(lookup)))).join('');
}

/** EL's coercion to String: null is "", everything else its plain text. */
function coerceToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function startsExpression(text: string, i: number): boolean {
  return (text[i] === '$' || text[i] === '#') && text[i + 1] === '{';
}

function refuseTooLong(text: string): void {
  if (text.length > MAX_JUEL_LENGTH)
    throw new JuelSyntaxError(MAX_JUEL_LENGTH, {
      zh: `表达式超过 ${MAX_JUEL_LENGTH} 个字符`,
      en: `The expression is longer than ${MAX_JUEL_LENGTH} characters`,
    });
}

/** Compiles the expression whose `${` is at `start`; `end` is just after its closing brace. */
function compileAt(text: string, start: number): { expression: CompiledJuel; end: number } {
  const tokens = scanExpression(text, start + 2);
  const closing = (tokens[tokens.length - 1] as JuelToken).position;
  const tree = new JuelParser(tokens).parseBody();
  const evaluator: Evaluator = compileNode(tree);
  const expression: CompiledJuel = {
    source: text.slice(start, closing + 1),
    identifiers: [...new Set(identifiersOf(tree))],
    evaluate: (lookup) => evaluator(lookup),
  };
  return { expression, end: closing + 1 };
}

function identifiersOf(node: JuelNode): string[] {
  switch (node.kind) {
    case 'literal':
      return [];
    case 'identifier':
      return [node.name];
    case 'member':
      return [...identifiersOf(node.object), ...identifiersOf(node.property)];
    case 'unary':
      return identifiersOf(node.operand);
    case 'binary':
      return [...identifiersOf(node.left), ...identifiersOf(node.right)];
    case 'conditional':
      return [
        ...identifiersOf(node.test),
        ...identifiersOf(node.consequent),
        ...identifiersOf(node.alternate),
      ];
  }
}
