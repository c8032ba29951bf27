import type { Readable } from 'node:stream';
import type { PackProblem } from './pack-error';

/** One regular file in a pack, by its path inside the pack. */
export interface PackEntry {
  path: string;
  size: number;
}

/** A pack as a set of files, whether it is a zip or a folder. */
export interface PackSource {
  readonly label: string;
  /** The pack's regular files, plus any structural problems found while listing them. */
  readonly entries: readonly PackEntry[];
  readonly problems: readonly PackProblem[];
  open(path: string): Promise<Readable>;
  /** The first `bytes` (or so) of a file, without reading the rest where possible. */
  openHead(path: string, bytes: number): Promise<Readable>;
  close(): Promise<void>;
}

/** Files operating systems leave in folders and zips; never part of a pack. */
export const isJunk = (path: string) =>
  path.startsWith('__MACOSX/') || /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/i.test(path);
