import {AccessRefusedError} from '../commands/access.js';
import {AuditRefusedError} from '../commands/audit.js';
import {DatabaseCommandError} from '../commands/database-error.js';
import {DoctorRefusedError} from '../commands/doctor.js';
import {exitCodes} from '../commands/exit-codes.js';
import {ImportError} from '../commands/import/csv-file.js';
import {ReportRefusedError} from '../commands/report.js';
import {SeedRefusedError} from '../commands/seed.js';
import {SettingsRefusedError} from '../commands/settings.js';
import {DataFileError} from '../store/data-file-error.js';
import {MutationError} from '../store/mutation-error.js';
import {isKeyRefusal} from '../store/sealed/set-sealing.js';
import {SaveError} from '../store/store.js';

/**
 * A failure a command words for people (its message and exit code), or undefined for anything else.
 * Loaded by `reportKnownErrors` only once something has failed (see words.ts).
 */
export const knownFailure = (error: unknown): {message: string; exitCode: number} | undefined => {
	if (
		error instanceof DataFileError ||
		error instanceof SeedRefusedError ||
		error instanceof ReportRefusedError ||
		error instanceof ImportError ||
		error instanceof DoctorRefusedError ||
		error instanceof AccessRefusedError ||
		error instanceof SettingsRefusedError ||
		error instanceof AuditRefusedError ||
		error instanceof DatabaseCommandError ||
		// An encrypted file that does not open, or whose key is not at hand: one line naming it.
		isKeyRefusal(error)
	)
		return {message: error.message, exitCode: error.exitCode};
	// A change the store refused (a role, a stale version, an invalid value) says why in words.
	if (error instanceof MutationError) return {message: error.message, exitCode: exitCodes.refused};
	if (error instanceof SaveError) return {message: error.message, exitCode: 2};
	return undefined;
};
