import {userInfo} from 'node:os';
import {exitCodes} from '../commands/exit-codes.js';
import {type AccessSettings, type Role, roleOf, rolesConfigured} from '../domain/access.js';
import {controlCharacterProblem, escapeControls} from '../domain/control-characters.js';
import {t} from '../i18n/i18n.js';
import {settingsOf} from '../store/settings-of.js';
import {fail} from './words.js';

/**
 * The OS user this process runs as: the name the system has for its uid (never $USER, which anyone
 * can set), or null when it has none (a uid without a passwd entry, as in some containers).
 */
export const osUser = (): {name: string | null; uid: number} => {
	const uid = process.geteuid?.() ?? -1;
	try {
		return {name: userInfo().username || null, uid};
	} catch {
		return {name: null, uid};
	}
};

/**
 * Who acts, once the file's roles are known: with roles set, an operator is their OS user (a uid
 * the system has no name for is refused: nobody can tell who it is), and only an admin may act
 * under another name (`--operator` is otherwise a name for the log, not a key).
 */
export const actingOperator = (
	flag: string | undefined,
	store: {settings: {access: AccessSettings}; roleOf: (name: string) => Role},
): string => {
	const user = osUser();
	const roles = rolesConfigured(store.settings.access);
	if (roles && user.name === null) fail(t('cli.operator.noName', {uid: user.uid}), exitCodes.refused);
	const self = user.name ?? `uid-${user.uid}`;
	const name = operatorName(flag) ?? self;
	if (name !== self && roles && store.roleOf(self) !== 'admin') {
		fail(t('cli.operator.notAdmin', {name, self, role: store.roleOf(self)}), exitCodes.refused);
	}
	return name;
};

/** Whether `--operator` names someone other than the OS user (a bad name too: it is refused once the store is open, as ever). */
export const actsAsAnother = (flag: string | undefined): boolean => {
	if (flag === undefined || flag.trim() === '') return false;
	const user = osUser();
	return flag.trim() !== (user.name ?? `uid-${user.uid}`);
};

/** A name given with `--operator`, checked like any text that goes into the file (no control characters, at most 80 characters). */
const operatorName = (flag: string | undefined): string | undefined => {
	if (flag === undefined || flag.trim() === '') return undefined;
	const problem = controlCharacterProblem(flag, false);
	if (problem) fail(t('cli.operator.control', {name: escapeControls(flag, false), problem}));
	if (flag.trim().length > 80) fail(t('cli.operator.tooLong'));
	return flag.trim();
};

/** The acting operator of a subcommand, checked against the file's roles like the console's. */
export const operatorFor = async (dataFile: string, flag: string | undefined): Promise<string> => {
	const settings = await settingsOf(dataFile);
	return actingOperator(flag, {settings, roleOf: (name) => roleOf(settings.access, name)});
};
