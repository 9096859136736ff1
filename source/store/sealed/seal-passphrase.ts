import {randomBytes, type ScryptOptions, scrypt} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {SealError} from './seal-error.js';
import {MasterKey, masterKeyLength, type ScryptParams} from './seal-keys.js';

/**
 * The scrypt costs crm uses: N a power of two in [2^14, 2^20] when opening (a file sealed elsewhere),
 * r = 8, p = 1. Tuning stops at 2^17: 128 MiB a derivation, which a shared SSH host or the small box
 * cron runs on can spare, where 2^20 (1 GiB) may not be.
 */
export const scryptBounds = {minLog2N: 14, maxLog2N: 20, tunedMaxLog2N: 17, r: 8, p: 1} as const;

/** The memory scrypt needs for N (128·N·r bytes), with room to spare, so that Node does not refuse it. */
const maxmemFor = (N: number, r: number): number => 2 * 128 * N * r + 32 * 1024 * 1024;

const derive = (passphrase: Buffer, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
	new Promise((resolve, reject) => {
		scrypt(passphrase, salt, masterKeyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
	});

/** The passphrase as scrypt takes it: NFC-normalised UTF-8 (the same words typed on another system give the same key). */
const passphraseBytes = (passphrase: string): Buffer => {
	const normal = passphrase.normalize('NFC');
	if (normal.length === 0) throw new SealError('empty_passphrase', undefined);
	return Buffer.from(normal, 'utf8');
};

/** The master key a passphrase stretches into under `params` (those of the sealed file's header, to open it). */
export const passphraseKey = async (passphrase: string, params: ScryptParams): Promise<MasterKey> => {
	const bytes = passphraseBytes(passphrase);
	try {
		const {N, r, p, salt} = params;
		const master = await derive(bytes, salt, {N, r, p, maxmem: maxmemFor(N, r)});
		try {
			return new MasterKey(master, {kind: 'passphrase', scrypt: {N, r, p, salt: Buffer.from(salt)}});
		} finally {
			master.fill(0);
		}
	} finally {
		bytes.fill(0);
	}
};

/** A new master key from a passphrase, with a fresh salt and the cost `N` (by default `tuneScrypt`'s). */
export const newPassphraseKey = async (
	passphrase: string,
	options: {N?: number} = {},
): Promise<{master: MasterKey; params: ScryptParams}> => {
	passphraseBytes(passphrase).fill(0); // refuses an empty one before the tuning takes its time
	const N = options.N ?? (await tuneScrypt());
	const params: ScryptParams = {N, r: scryptBounds.r, p: scryptBounds.p, salt: randomBytes(16)};
	return {master: await passphraseKey(passphrase, params), params};
};

/**
 * The largest power-of-two N in the bounds whose derivation, at `msAtMin` for the smallest N and
 * growing linearly with N, stays within `targetMs`; the smallest N when even that takes longer.
 */
export const largestScryptN = (msAtMin: number, targetMs: number): number => {
	let log2N = scryptBounds.minLog2N;
	while (log2N < scryptBounds.tunedMaxLog2N && msAtMin * 2 ** (log2N + 1 - scryptBounds.minLog2N) <= targetMs) log2N++;
	return 2 ** log2N;
};

/** The scrypt cost N for a passphrase on this machine: opening takes about `targetMs` (one derivation measured at the smallest N). */
export const tuneScrypt = async (targetMs = 300): Promise<number> => {
	const N = 2 ** scryptBounds.minLog2N;
	const {r, p} = scryptBounds;
	const started = performance.now();
	await derive(Buffer.from('tune'), randomBytes(16), {N, r, p, maxmem: maxmemFor(N, r)});
	return largestScryptN(performance.now() - started, targetMs);
};
