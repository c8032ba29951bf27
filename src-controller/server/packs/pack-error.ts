/** One thing wrong with a pack: where (file, and field inside manifest.json) and why. */
export interface PackProblem {
  file: string;
  field?: string;
  reason: string;
}

export const formatProblem = (p: PackProblem) =>
  `${p.file}${p.field ? ` (${p.field})` : ''}: ${p.reason}`;

/** Thrown when a pack cannot be imported; nothing of it has been kept. */
export class PackError extends Error {
  readonly problems: readonly PackProblem[];
  readonly warnings: readonly PackProblem[];

  constructor(
    source: string,
    problems: readonly PackProblem[],
    report?: { warnings: readonly PackProblem[] },
  ) {
    super(`pack ${source} refused:\n  ${problems.map(formatProblem).join('\n  ')}`);
    this.name = 'PackError';
    this.problems = problems;
    this.warnings = report?.warnings ?? [];
  }
}
