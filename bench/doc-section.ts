/** Sections of docs/benchmarks.md that a benchmark of their own rewrites, between `<!-- NAME:start/end -->`. */
const marks = (name: string) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`] as const;

/** The section `doc` holds for `name`, markers included, or ''. */
export function markedSection(doc: string, name: string): string {
  const [start, end] = marks(name);
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  return i >= 0 && j > i ? doc.slice(i, j + end.length) : '';
}

/**
 * `doc` with the section `name` replaced by `section` (markers included); one it lacks goes before
 * `## Targets`, or at the end.
 */
export function replaceMarked(doc: string, name: string, section: string): string {
  const [start, end] = marks(name);
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return doc.slice(0, i) + section + doc.slice(j + end.length);
  const targets = doc.indexOf('\n## Targets');
  if (targets < 0) return `${doc.trimEnd()}\n\n${section}\n`;
  return `${doc.slice(0, targets)}\n${section}\n${doc.slice(targets)}`;
}

export function wrapMarked(name: string, body: string): string {
  const [start, end] = marks(name);
  return `${start}\n\n${body.trim()}\n\n${end}`;
}
