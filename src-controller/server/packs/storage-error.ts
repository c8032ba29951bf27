/**
 * Turns a failed write to the data directory into words an operator can act on, or null when
 * the error is not about storage. The raw error (with its path) still goes to the log.
 */
export function describeStorageError(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOSPC':
      return "the controller's disk is full: free space in its data directory and try again";
    case 'EDQUOT':
      return "the controller's disk quota is used up: free space in its data directory and try again";
    case 'EROFS':
      return "the controller's data directory is read-only: check the disk (it may have been remounted read-only after errors)";
    case 'EACCES':
    case 'EPERM':
      return 'the controller may not write to its data directory: check its owner and permissions';
    case 'EIO':
      return "the controller's disk reported an input/output error: check the disk";
    default:
      return null;
  }
}
