import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * sha256 of a string's UTF-8 bytes, as lowercase hex. Synchronous and pure JS so shared code
 * (split hashes) gives the same result in Node and in the renderer; equals node:crypto's digest.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
