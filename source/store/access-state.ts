import {type AccessSettings, type Role, roleOf, rolesConfigured, sameAccess, vouchedAccess} from '../domain/access.js';
import {controlCharacterProblem} from '../domain/control-characters.js';
import type {Dataset} from '../domain/dataset.js';
import type {Settings} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import {MutationError} from './mutation-error.js';

/**
 * Who may do what in one CRM: the settings in force (the settings file's, with the roles the
 * change log vouches for), whether the settings file's roles differ (changed there by hand), and
 * whether the next save must vouch for roles the log does not hold yet.
 */
export class AccessState {
	constructor(
		/** Where the data is, as messages name it (the data file, or the database). */
		private readonly file: string,
		/** Where the settings are, as messages name it, and how to read them again. */
		private readonly stored: {where: string; load: () => Promise<Settings>},
		/** The settings as the file beside the data holds them (its roles may not be the ones in force). */
		private stored_: Settings,
		changes: Dataset['changes'],
	) {
		this.resolve(changes);
	}

	/** The settings in force. */
	settings!: Settings;

	/** Who last set the roles in force, and when, when the settings file's differ (changed there by hand); else null. */
	private differs: {by: string; at: string} | null = null;

	/** Set when the settings file's roles are not those in force (changed there by hand): in words (the language in force), naming the file. */
	get warning(): string | null {
		if (!this.differs) return null;
		const words = {file: this.stored.where, ...this.differs};
		return rolesConfigured(this.stored_.access) ? t('store.roles.handEdited', words) : t('store.roles.gone', words);
	}

	/** Roles found in the settings file of a log that vouches for none yet (set before roles were bound, or by hand): vouched for by the next save. */
	toVouch = false;

	/** The settings as stored (their roles may not be the ones in force). */
	get fileSettings(): Settings {
		return this.stored_;
	}

	/** The roles as the settings file holds them. */
	get fileAccess(): AccessSettings {
		return this.stored_.access;
	}

	/**
	 * Which roles are in force: those of the change log's latest roles entry. Roles in the settings
	 * file that differ were changed there by hand: they are not in force, and the warning says so.
	 * A log without a roles entry takes the file's roles (as they were before roles were bound, or
	 * as first written by hand), and the next save vouches for them in the log.
	 */
	resolve(changes: Dataset['changes']): void {
		const found = this.stored_.access;
		const vouched = vouchedAccess(changes);
		this.toVouch = vouched === null && rolesConfigured(found);
		this.settings = vouched ? {...this.stored_, access: vouched.access} : this.stored_;
		this.differs =
			vouched && !sameAccess(found, vouched.access)
				? {by: vouched.by, at: vouched.at.slice(0, 16).replace('T', ' ')}
				: null;
	}

	/** The settings file as just written, and the log as it now stands. */
	took(fileSettings: Settings, changes: Dataset['changes']): void {
		this.stored_ = fileSettings;
		this.resolve(changes);
	}

	/**
	 * After another process's save: roles it changed are in force here too, and settings it changed
	 * (targets, costs, rates: `settings` says it logged some) are read again from the file — kept as the
	 * same object when nothing in them differs, so what is computed from them is not computed again.
	 */
	async follow(changes: Dataset['changes'], settings = false): Promise<void> {
		const vouched = vouchedAccess(changes);
		if (settings || (vouched && !sameAccess(vouched.access, this.settings.access))) {
			const read = await this.stored.load().catch(() => this.stored_);
			if (JSON.stringify(read) !== JSON.stringify(this.stored_)) this.stored_ = read;
		}
		const before = this.settings;
		this.resolve(changes);
		if (JSON.stringify(before) === JSON.stringify(this.settings)) this.settings = before;
	}

	/** The role an operator has in the roles in force (everyone is admin while none are set). */
	roleOf(operator: string): Role {
		return roleOf(this.settings.access, operator);
	}

	/**
	 * Refuses acting under a name that is not `user`'s own (the OS user, `null` when the uid has no
	 * name; undefined when unset), unless the user is an admin of the roles in force.
	 */
	checkIdentity(operator: string, user: string | null | undefined): void {
		if (user === undefined || !rolesConfigured(this.settings.access)) return;
		if (user === null)
			throw new MutationError(t('store.roles.uidNoName', {file: this.file, uid: process.geteuid?.() ?? '?'}));
		if (operator !== user && this.roleOf(user) !== 'admin')
			throw new MutationError(t('store.roles.actAs', {user, role: this.roleOf(user), operator}));
	}

	/** The roles in force with `name` given `role` (null: none of their own); refused in words for a bad name or no admin left. */
	rolesWith(name: string, role: Role | null): AccessSettings {
		const problem = controlCharacterProblem(name, false);
		if (problem || name.trim() === '' || name.length > 80)
			throw new MutationError(t('store.roles.badName', {problem: problem ?? t('store.roles.nameRule')}));
		const before = this.settings.access;
		const operators = {...before.operators};
		if (role === null) delete operators[name];
		else operators[name] = role;
		if (Object.keys(operators).length > 0 && !Object.values(operators).includes('admin'))
			throw new MutationError(t('store.settings.noAdmin'));
		return {operators, defaultRole: before.defaultRole};
	}
}
