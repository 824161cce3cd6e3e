import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import type { WorkflowLintProblem } from '../runtime';
import { bpmnProblem, LintCode } from './lint-problems';

/** A parsed moddle element: typed properties are read by name, references are not enumerable. */
export interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  readonly $attrs?: Readonly<Record<string, string>>;
  readonly $descriptor?: {
    readonly propertiesByName?: Readonly<
      Record<string, { readonly ns?: { readonly name?: string } }>
    >;
  };
  readonly [property: string]: unknown;
}

interface ModdleWarning {
  readonly message: string;
  readonly element?: { readonly id?: string };
  readonly property?: string;
}

interface BpmnModdleInstance {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: ModdleWarning[] }>;
}

type BpmnModdleConstructor = new (packages: Record<string, unknown>) => BpmnModdleInstance;

/*
 * bpmn-moddle (installed with bpmn-engine) ships no type declarations, and an ambient
 * `declare module` here would also change how bpmn-engine's own typings resolve it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const BpmnModdle = require('bpmn-moddle') as BpmnModdleConstructor;

/** Largest XML accepted (bytes, UTF-8): the meta-schema allows 1,000,000 characters. */
export const MAX_BPMN_BYTES = 1024 * 1024;

export interface ParsedBpmn {
  /** `bpmn:Definitions`, or null when the text was refused or could not be parsed. */
  readonly definitions: ModdleElement | null;
  readonly problems: readonly WorkflowLintProblem[];
}

/**
 * Parses BPMN 2.0 XML with the Camunda extension. A DOCTYPE or ENTITY declaration is refused
 * before any parsing (no external entity can ever be resolved), and every moddle warning (unknown
 * element or attribute, dangling reference, duplicate id) becomes a problem.
 */
export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  if (Buffer.byteLength(xml, 'utf8') > MAX_BPMN_BYTES)
    return refused(LintCode.tooLarge, 'BPMN 文件超过 1 MB', 'The BPMN XML is larger than 1 MB');
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml))
    return refused(
      LintCode.doctypeRefused,
      'BPMN 文件不得包含 DOCTYPE 或 ENTITY 声明',
      'The BPMN XML may not contain a DOCTYPE or ENTITY declaration',
    );
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  let parsed: Awaited<ReturnType<BpmnModdleInstance['fromXML']>>;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (e) {
    return refused(
      LintCode.invalidXml,
      `BPMN 文件无法解析：${firstLine(e)}`,
      `The BPMN XML cannot be parsed: ${firstLine(e)}`,
    );
  }
  if (parsed.rootElement?.$type !== 'bpmn:Definitions')
    return refused(
      LintCode.invalidXml,
      '根元素必须是 bpmn:definitions',
      'The root element must be bpmn:definitions',
    );
  return { definitions: parsed.rootElement, problems: parsed.warnings.map(fromWarning) };
}

function refused(code: (typeof LintCode)[keyof typeof LintCode], zh: string, en: string) {
  return { definitions: null, problems: [bpmnProblem(code, zh, en)] };
}

function fromWarning(warning: ModdleWarning): WorkflowLintProblem {
  const elementId = warning.element?.id;
  const unknownType = /unknown type <([^>]+)>/.exec(warning.message)?.[1];
  if (unknownType !== undefined)
    return bpmnProblem(
      LintCode.unsupported,
      `不支持的 BPMN 元素：${unknownType}（${firstLine(warning.message)}）`,
      `Unsupported BPMN element: ${unknownType} (${firstLine(warning.message)})`,
      elementId,
    );
  const unknownAttribute = /unknown attribute <([^>]+)>/.exec(warning.message)?.[1];
  if (unknownAttribute !== undefined)
    return bpmnProblem(
      LintCode.unsupported,
      `不支持的属性“${unknownAttribute}”`,
      `Unsupported attribute "${unknownAttribute}"`,
      elementId,
    );
  return bpmnProblem(
    LintCode.invalidXml,
    `BPMN 文件有误：${oneLine(warning.message)}`,
    `The BPMN XML is invalid: ${oneLine(warning.message)}`,
    elementId,
  );
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n')[0] ?? '').trim();
}

/** moddle's multi-line messages ("...\n\tline: 5\n\tnested error: ...") on one line. */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('; ');
}

/** Own enumerable properties set on an element (moddle keeps references non-enumerable). */
export function setProperties(element: ModdleElement): string[] {
  return Object.keys(element).filter(
    (k) => !k.startsWith('$') && element[k] !== undefined && element[k] !== null,
  );
}

/** The XML name of a property (`camunda:class` for `class`), for messages. */
export function xmlNameOf(element: ModdleElement, property: string): string {
  return element.$descriptor?.propertiesByName?.[property]?.ns?.name ?? property;
}

/**
 * Attributes moddle kept without a type (foreign namespaces), apart from namespace declarations
 * and `xsi:type` (modellers write `xsi:type="bpmn:tFormalExpression"` on every expression).
 */
export function foreignAttributes(element: ModdleElement): string[] {
  return Object.keys(element.$attrs ?? {}).filter(
    (k) => k !== 'xmlns' && !k.startsWith('xmlns:') && k !== 'xsi:type',
  );
}

export function childrenOf(element: ModdleElement, property: string): ModdleElement[] {
  const value = element[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function childOf(element: ModdleElement, property: string): ModdleElement | undefined {
  const value = element[property];
  return typeof value === 'object' && value !== null ? (value as ModdleElement) : undefined;
}

export function stringOf(element: ModdleElement, property: string): string | undefined {
  const value = element[property];
  return typeof value === 'string' ? value : undefined;
}
