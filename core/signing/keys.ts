/**
 * Private keys for signing: read a PEM (PKCS#8 RSA/EC, PKCS#1 RSA, SEC1 EC), say plainly
 * what is wrong with a bad one, and describe a good one (algorithm, fingerprint, public key).
 * Also generates key pairs for new profiles and the embedded sandbox.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { errorText } from '../../shared/error-text';
import { FileTooLargeError, NOT_REGULAR, readFileCapped } from '../fs/capped-read';
import { errorCode } from '../fs/errors';
import { formatBytes } from '../../shared/format-bytes';

export type SigningAlgorithm = 'RS256' | 'ES256';

export type KeyErrorKind =
  | 'not_pem'
  | 'encrypted'
  | 'public_key'
  | 'unsupported_curve'
  | 'unsupported_type'
  | 'weak_key'
  | 'invalid'
  | 'unreadable_file';

/** A key Steward cannot sign with; the message says why in plain words. */
export class KeyError extends Error {
  override readonly name = 'KeyError';
  constructor(
    readonly kind: KeyErrorKind,
    message: string,
    readonly path: string | null = null,
  ) {
    super(message);
  }
}

export interface PrivateKeyInfo {
  algorithm: SigningAlgorithm;
  /** `SHA256:<base64>` of the DER SubjectPublicKeyInfo, the same for the private and public half. */
  fingerprint: string;
  publicKeyPem: string;
  /** The key normalised to PKCS#8, whatever it came in as. */
  pkcs8Pem: string;
  keyObject: KeyObject;
}

const PRIVATE_BLOCK = /-----BEGIN ((?:RSA |EC |ENCRYPTED |OPENSSH )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/;
const PUBLIC_BLOCK = /-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/;
/** Node's names for curves, with the names stewards know them by. */
const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' };
const MIN_RSA_BITS = 2048; // jose refuses RS256 with smaller moduli

/** Read a PEM private key, or throw a KeyError naming the problem. */
export function readPrivateKey(pem: unknown): PrivateKeyInfo {
  if (typeof pem !== 'string' || !pem.includes('-----BEGIN ')) {
    throw new KeyError('not_pem', 'This is not a PEM key: expected text starting with "-----BEGIN PRIVATE KEY-----".');
  }
  const text = pem.replace(/^\uFEFF/, '');
  const block = PRIVATE_BLOCK.exec(text);
  if (!block) {
    const pub = PUBLIC_BLOCK.exec(text);
    if (pub) throw new KeyError('public_key', `This is a ${pub[1] === 'CERTIFICATE' ? 'certificate' : 'public key'}, not a private key: Steward needs the private half to sign tokens.`);
    throw new KeyError('not_pem', 'This PEM holds no private key block ("-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----").');
  }
  const [blockText, label] = block;
  if (label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,\s*ENCRYPTED/i.test(blockText)) {
    throw new KeyError('encrypted', 'This private key is encrypted with a passphrase; Steward needs an unencrypted key (for example: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-plain.pem).');
  }
  if (label === 'OPENSSH PRIVATE KEY') {
    throw new KeyError('unsupported_type', 'This is an OpenSSH-format key; convert it to PEM first (ssh-keygen -p -m PEM -f <file>) or use a PKCS#8 key.');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: blockText, format: 'pem' });
  } catch (e) {
    throw new KeyError('invalid', `This private key could not be read (${errorText(e)}).`);
  }
  const algorithm = algorithmFor(key);
  const publicKey = createPublicKey(key);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    algorithm,
    fingerprint: `SHA256:${createHash('sha256').update(spki).digest('base64').replace(/=+$/, '')}`,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    // PKCS#1 and SEC1 keys are converted so everything downstream sees one format.
    pkcs8Pem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyObject: key,
  };
}

function algorithmFor(key: KeyObject): SigningAlgorithm {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type === 'rsa') {
    const bits = details.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) throw new KeyError('weak_key', `This RSA key has ${bits} bits; RS256 needs at least ${MIN_RSA_BITS}.`);
    return 'RS256';
  }
  if (type === 'ec') {
    const curve = details.namedCurve ?? 'unknown';
    if (curve === 'prime256v1') return 'ES256';
    throw new KeyError('unsupported_curve', `This EC key uses curve ${CURVE_NAMES[curve] ?? curve}; Steward signs only with P-256 (ES256) or RSA (RS256).`);
  }
  if (type === 'ed25519' || type === 'ed448' || type === 'x25519' || type === 'x448') {
    throw new KeyError('unsupported_curve', `This is an ${type} key; Steward signs only with EC P-256 (ES256) or RSA (RS256).`);
  }
  throw new KeyError('unsupported_type', `This is a ${type ?? 'unknown'} key; Steward signs only with RSA (RS256) or EC P-256 (ES256).`);
}

export interface KeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A fresh key pair: RSA 2048 for RS256, P-256 for ES256, as PKCS#8 / SPKI PEM. */
export function generateKeyPair(algorithm: SigningAlgorithm = 'RS256'): KeyPair {
  const pair = algorithm === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A PEM key is a few KB (RSA 16384 is about 12 KB); anything bigger is the wrong file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Read and check a key file; every failure is a KeyError that names the path. */
export async function loadKeyFile(path: string): Promise<string> {
  let text: string;
  try {
    // Capped, and only a regular file: a device or pipe (`--key /dev/zero`) is refused at once.
    text = (await readFileCapped(path, MAX_KEY_FILE_BYTES)).toString('utf8');
  } catch (e) {
    if (e instanceof FileTooLargeError) {
      throw new KeyError('unreadable_file', `Cannot use ${path} as a key file: it holds more than ${formatBytes(MAX_KEY_FILE_BYTES)}, far more than a key.`, path);
    }
    throw new KeyError('unreadable_file', `Cannot read the key file ${path}: ${fsReason(e)}.`, path);
  }
  try {
    readPrivateKey(text);
  } catch (e) {
    if (e instanceof KeyError) throw new KeyError(e.kind, `${path}: ${e.message}`, path);
    throw e;
  }
  return text;
}

function fsReason(e: unknown): string {
  const code = errorCode(e);
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === NOT_REGULAR) return 'it is not a regular file (a pipe, a device or a socket)';
  return errorText(e);
}
