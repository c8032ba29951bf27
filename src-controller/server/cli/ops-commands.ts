import type { Command } from 'commander';
import { formatBytes } from '../packs/pack-limits';
import { backupHall, restoreHall } from '../ops/backup';

const out = (text: string) => process.stdout.write(`${text}\n`);

/** `hallcue backup` and `hallcue restore`: the administrator's safety net (docs/operations.md). */
export function addOpsCommands(program: Command): void {
  program
    .command('backup')
    .description('back up a hall (database and pack files) into a new folder; safe while it runs')
    .requiredOption('--data <dir>', 'the hall data directory')
    .requiredOption('--out <dir>', 'the backup folder to create (must not exist)')
    .action(async (opts: { data: string; out: string }) => {
      const { out: folder, manifest } = await backupHall(opts.data, opts.out);
      out(
        `Backed up ${opts.data} to ${folder}: database ${formatBytes(manifest.database.size)}, ` +
          `${manifest.files.count} pack files (${formatBytes(manifest.files.bytes)}), schema v${manifest.schemaVersion}.`,
      );
    });

  program
    .command('restore')
    .description('restore a backup into a data directory, after verifying every file hash')
    .requiredOption('--data <dir>', 'the hall data directory to restore into')
    .requiredOption('--from <dir>', 'a folder made by hallcue backup')
    .option('--force', 'replace a hall that is there (kept beside it), even a running one', false)
    .action(async (opts: { data: string; from: string; force: boolean }) => {
      const result = await restoreHall(opts.data, opts.from, { force: opts.force });
      out(
        `Restored ${result.manifest.files.count} pack files and the database (backup of ${result.manifest.createdAt}) into ${result.dataDir}.`,
      );
      if (result.previous) out(`The data that was there is kept in ${result.previous}.`);
      out('Start the controller on it: hallcue controller --data ' + result.dataDir);
    });
}
