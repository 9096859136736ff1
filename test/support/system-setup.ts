import {execFileSync} from 'node:child_process';

/**
 * Tests that need the machine itself — a tiny tmpfs, other OS users — set it up themselves, as
 * root. Where they cannot (not root, no mount), they are skipped on a developer's machine and fail
 * under CI (`CI=true`), so a CI run never passes by skipping them.
 */
export const systemSetupPossible = (): {ok: true} | {ok: false; why: string} => {
	if (process.platform !== 'linux') return {ok: false, why: 'not Linux'};
	if (process.getuid?.() !== 0) return {ok: false, why: 'not run as root'};
	return {ok: true};
};

export const inCi = (): boolean => process.env['CI'] === 'true' || process.env['CI'] === '1';

/** Mounts a tmpfs of `size` (like `1m`) at `folder`; returns the function that unmounts it. */
export const mountTinyDisk = (folder: string, size: string): (() => void) => {
	execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', folder]);
	return () => execFileSync('umount', ['-l', folder]);
};
