/**
 * Why Steward's own files could not be written, in the steward's words: "disk full", not
 * "ENOSPC: no space left on device, write". Unknown causes keep their message, without a path.
 */
import { errorText } from '../../shared/error-text';
import { errorCode } from './errors';

const REASONS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota reached',
  EROFS: 'read-only',
  EACCES: 'no permission',
  EPERM: 'no permission',
  ENOTDIR: 'not a folder',
  EEXIST: 'not a folder', // mkdir, when a file stands where the folder should be
  ENOENT: 'the folder is gone',
  EIO: 'the disk reported an error',
};

export function writeFailureReason(e: unknown): string {
  const code = errorCode(e);
  if (code !== undefined && REASONS[code]) return REASONS[code];
  // "ELOOP: ..., open '/x/y'" -> the words alone; Steward's own messages are already plain.
  return errorText(e).replace(/^[A-Z]+: /, '').replace(/, \w+ '[^']*'$/, '');
}
