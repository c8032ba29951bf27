import { formatProblem, type PackProblem } from '../packs/pack-error';

/** A validation report as lines a curator can read in a terminal. */
export function formatReport(
  source: string,
  problems: readonly PackProblem[],
  warnings: readonly PackProblem[],
): string {
  const lines: string[] = [];
  if (problems.length === 0) lines.push(`✓ ${source} is a valid pack`);
  else {
    lines.push(`✗ ${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    for (const p of problems) lines.push(`  ${formatProblem(p)}`);
  }
  if (warnings.length > 0) {
    lines.push(`! ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`);
    for (const w of warnings) lines.push(`  ${formatProblem(w)}`);
  }
  return lines.join('\n');
}

/** A progress line redrawn in place on a terminal, silent otherwise. */
export function progressPrinter(stream: NodeJS.WriteStream) {
  if (!stream.isTTY) return () => undefined;
  return (phase: string, done: number, total: number) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    stream.write(
      `\r${phase.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%`,
    );
    if (phase === 'done') stream.write('\n');
  };
}
