import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { openDatabase } from '../db/open';
import { FileStore } from '../packs/file-store';
import { inspectPack } from '../packs/inspect-pack';
import { openPackSource } from '../packs/open-pack-source';
import { PackError } from '../packs/pack-error';
import { DEFAULT_PACK_LIMITS, formatBytes } from '../packs/pack-limits';
import { PackLibrary } from '../packs/pack-library';
import type { PackSource } from '../packs/pack-source';
import { buildPack } from './build-pack';
import { formatReport, progressPrinter } from './report-format';

const out = (text: string) => process.stdout.write(`${text}\n`);

async function withLibrary<T>(
  dataDir: string,
  create: boolean,
  run: (library: PackLibrary) => Promise<T>,
) {
  const file = join(resolve(dataDir), 'hallcue.db');
  if (create) await mkdir(resolve(dataDir), { recursive: true });
  else if (!existsSync(file))
    throw new Error(`no HallCue library in ${resolve(dataDir)} (use --data DIR)`);
  const db = openDatabase(file);
  const store = new FileStore(resolve(dataDir));
  await store.init();
  try {
    return await run(new PackLibrary(db, store, DEFAULT_PACK_LIMITS));
  } finally {
    db.close();
  }
}

/** Opens a pack, runs `use`, closes it; a refused pack prints its report and fails the exit. */
async function withSource(path: string, use: (source: PackSource) => Promise<void>) {
  try {
    const source = await openPackSource(path, DEFAULT_PACK_LIMITS);
    try {
      await use(source);
    } finally {
      await source.close();
    }
  } catch (error) {
    reportRefusal(path, error);
  }
}

/** Prints a refused pack's report and sets a failing exit code; rethrows anything else. */
function reportRefusal(source: string, error: unknown) {
  if (!(error instanceof PackError)) throw error;
  out(formatReport(source, error.problems, error.warnings));
  process.exitCode = 1;
}

/** `hallcue pack …`: the curator's tools. */
export function addPackCommands(program: Command): void {
  const pack = program
    .command('pack')
    .description('validate, build, import and list presentation packs');

  pack
    .command('validate <path>')
    .description('check a pack (zip or folder) and list every problem and warning')
    .option('--json', 'print the report as JSON')
    .action(async (path: string, opts: { json?: boolean }) => {
      await withSource(path, async (source) => {
        const report = await inspectPack(source, DEFAULT_PACK_LIMITS);
        if (opts.json) {
          out(
            JSON.stringify(
              {
                valid: report.problems.length === 0,
                problems: report.problems,
                warnings: report.warnings,
              },
              null,
              2,
            ),
          );
        } else out(formatReport(path, report.problems, report.warnings));
        if (report.problems.length > 0) process.exitCode = 1;
      });
    });

  pack
    .command('build <folder>')
    .description('validate a pack folder, then zip it into a .hcpack')
    .requiredOption('-o, --out <file>', 'the .hcpack file to write')
    .action(async (folder: string, opts: { out: string }) => {
      await withSource(folder, async (source) => {
        const report = await buildPack(source, opts.out, DEFAULT_PACK_LIMITS);
        out(formatReport(folder, [], report.warnings));
        out(
          `wrote ${opts.out} (${formatBytes((await stat(opts.out)).size)}, ${report.files.length + 1} files)`,
        );
      });
    });

  pack
    .command('import <path>')
    .description('import a pack into the library, all or nothing')
    .option('--data <dir>', 'data directory of the controller', './data')
    .option('--publish <key>', 'also publish the imported version to theme key 1-9')
    .action(async (path: string, opts: { data: string; publish?: string }) => {
      await withLibrary(opts.data, true, async (library) => {
        const show = progressPrinter(process.stderr);
        try {
          const result = await library.importPath(path, 'cli', (p) =>
            show(p.phase, p.doneBytes, p.totalBytes),
          );
          out(formatReport(path, [], result.report.warnings));
          out(
            result.added
              ? `imported ${result.manifest.id} ${result.manifest.version} (version id ${result.packVersionId}; ${formatBytes(result.newBytes)} new)`
              : `${result.manifest.id} ${result.manifest.version} is already in the library (version id ${result.packVersionId})`,
          );
          if (opts.publish) {
            await library.publish(opts.publish, result.packVersionId, 'cli');
            out(`published to theme key ${opts.publish}`);
          }
        } catch (error) {
          reportRefusal(path, error);
        }
      });
    });

  pack
    .command('list')
    .description('list the pack versions in the library')
    .option('--data <dir>', 'data directory of the controller', './data')
    .option('--json', 'print JSON')
    .action(async (opts: { data: string; json?: boolean }) => {
      await withLibrary(opts.data, false, async (library) => {
        const packs = library.summaries();
        if (opts.json) return out(JSON.stringify(packs, null, 2));
        if (packs.length === 0) return out('the library is empty');
        out('id    pack                        version   slides  size        themes');
        for (const p of packs) {
          out(
            `${String(p.packVersionId).padEnd(6)}${p.packId.padEnd(28)}${p.version.padEnd(10)}${String(p.slideCount).padEnd(8)}${formatBytes(p.bytes).padEnd(12)}${p.usedBy.join(',') || '-'}${p.onAir ? '  (on air)' : ''}`,
          );
        }
      });
    });

  pack
    .command('inspect <path>')
    .description("show a pack's manifest: titles, roles, slides and files")
    .action(async (path: string) => {
      await withSource(path, async (source) => {
        const report = await inspectPack(source, DEFAULT_PACK_LIMITS);
        const m = report.manifest;
        if (m) {
          out(`${m.id} ${m.version}: ${m.title.zh ?? ''} / ${m.title.en ?? ''}`);
          for (const [role, { slides }] of Object.entries(m.roles)) {
            const seconds = slides.reduce((s, x) => s + x.duration, 0);
            out(`role ${role}: ${slides.length} slides, ${seconds} s per loop`);
            slides.forEach((s, i) => {
              const what = s.type === 'text' ? (s.title.zh ?? s.title.en) : s.src;
              out(
                `  ${String(i + 1).padStart(2)}. ${s.type.padEnd(6)} ${String(s.duration).padStart(4)} s  ${what}`,
              );
            });
          }
          out(
            `files: ${report.files.length}, ${formatBytes(report.files.reduce((s, f) => s + f.size, 0))}`,
          );
        }
        if (report.problems.length > 0 || report.warnings.length > 0) {
          out(formatReport(path, report.problems, report.warnings));
        }
        if (report.problems.length > 0) process.exitCode = 1;
      });
    });
}
