const PROCESS_TAG = /<(?:[A-Za-z_][\w.-]*:)?process\b([^>]*)>/g;
const ID_ATTRIBUTE = /(?:^|\s)id\s*=\s*(["'])([^"']*)\1/;
const EXECUTABLE_ATTRIBUTE = /(?:^|\s)isExecutable\s*=\s*(["'])true\1/;

/**
 * The `id` of the one `<process isExecutable="true">` of a BPMN document, or null when there is
 * none or more than one. For stores given a definition without the lint's process model (the lint
 * parses the XML properly and refuses anything this scan could misread).
 */
export function executableProcessId(bpmn: string): string | null {
  const ids: string[] = [];
  for (const match of withoutComments(bpmn).matchAll(PROCESS_TAG)) {
    const attributes = match[1] ?? '';
    const id = ID_ATTRIBUTE.exec(attributes)?.[2];
    if (id !== undefined && EXECUTABLE_ATTRIBUTE.test(attributes)) ids.push(id);
  }
  return ids.length === 1 ? (ids[0] ?? null) : null;
}

/** XML comments cut out in one pass (a regex could rescan an unclosed `<!--` for every start). */
function withoutComments(xml: string): string {
  const kept: string[] = [];
  let from = 0;
  for (let start = xml.indexOf('<!--'); start !== -1; start = xml.indexOf('<!--', from)) {
    kept.push(xml.slice(from, start));
    const end = xml.indexOf('-->', start + 4);
    if (end === -1) return kept.join('');
    from = end + 3;
  }
  kept.push(xml.slice(from));
  return kept.join('');
}
