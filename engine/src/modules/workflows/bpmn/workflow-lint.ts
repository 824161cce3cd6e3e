import type { WorkflowLintProblem } from '../runtime';
import type { LintWorkflow, ProcessModel } from './bpmn-contract';
import { parseBpmn } from './bpmn-parse';
import { checkStructure, findExecutableProcess } from './bpmn-structure';
import { SubsetChecker } from './bpmn-subset';
import { checkMetadata } from './workflow-metadata';

/**
 * Deploy-time lint: the XML is parsed (DOCTYPE/ENTITY and > 1 MB refused first), held to the
 * portable subset both runtimes execute alike, and cross-checked with the definition's metadata
 * and the published forms. The model comes back whenever the one executable process was found,
 * even with problems, so a caller can show both.
 */
export const lintWorkflow: LintWorkflow = async (definition, context) => {
  const parsed = await parseBpmn(definition.bpmn);
  if (parsed.definitions === null) return { problems: parsed.problems, model: null };
  const found = findExecutableProcess(parsed.definitions);
  if (found.process === null)
    return { problems: unique([...parsed.problems, ...found.problems]), model: null };

  const subset = new SubsetChecker(context.knownTopics);
  subset.checkProcess(found.process);
  for (const error of found.errors) subset.checkError(error);
  const problems = [
    ...parsed.problems,
    ...found.problems,
    ...subset.problems,
    ...checkStructure(found.process),
    ...(await checkMetadata(definition, context, subset.facts)),
  ];
  const model: ProcessModel = {
    processId: found.process.id ?? '',
    userTasks: subset.facts.userTasks.map((t) => ({
      id: t.id,
      name: t.name,
      candidateGroups: t.candidateGroups,
      multiInstance: t.multiInstance,
    })),
    serviceTasks: subset.facts.serviceTasks,
  };
  return { problems: unique(problems), model };
};

/** moddle warns about some attributes the subset check also refuses: report each once. */
function unique(problems: readonly WorkflowLintProblem[]): WorkflowLintProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}|${p.elementId ?? ''}|${p.code}|${p.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
