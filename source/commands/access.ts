import stringWidth from 'string-width';
import {type Role, roleOf, roleSummary, roles, rolesConfigured} from '../domain/access.js';
import {t} from '../i18n/i18n.js';
import {CrmStore} from '../store/store.js';

/** A worded refusal of `crm access` (an unknown role or action): exit 2, nothing changed. */
export class AccessRefusedError extends Error {
	readonly exitCode = 2;
}

/** `text` padded with spaces to `width` terminal cells (a Chinese character takes two). */
const padCells = (text: string, width: number): string =>
	`${text}${' '.repeat(Math.max(0, width - stringWidth(text)))}`;

/** `crm access`: the roles in force, or (as an admin) one set or removed. */
export const runAccess = async (
	dataFile: string,
	request: {action?: string; operator?: string; role?: string; as: string},
): Promise<string> => {
	if (request.action === 'set' || request.action === 'remove') {
		if (!request.operator) throw new AccessRefusedError(t('store.access.needsName', {action: request.action}));
		if (request.action === 'set' && !roles.includes(request.role as Role))
			throw new AccessRefusedError(t('store.access.roleOneOf', {roles: roles.join(', ')}));
		const store = await CrmStore.open(dataFile);
		const operator = request.operator;
		const role = request.role ?? '';
		if (request.action === 'remove' && !(operator in store.settings.access.operators))
			return `${t('store.access.noRoleNothing', {operator})}\n${await describeAccess(dataFile)}`;
		if (request.action === 'set' && store.settings.access.operators[operator] === role && !store.rolesWarning)
			return `${t('store.access.alreadyNothing', {operator, role})}\n${await describeAccess(dataFile)}`;
		await store.updateSettings(
			{kind: 'role', operator, role: request.action === 'set' ? (request.role as Role) : null},
			request.as,
		);
		const done =
			request.action === 'set'
				? t('store.access.nowRole', {operator, role, by: request.as})
				: t('store.access.noRoleNow', {operator, by: request.as});
		return `${done}\n${await describeAccess(dataFile)}`;
	}
	if (request.action !== undefined)
		throw new AccessRefusedError(t('store.access.unknownAction', {action: request.action}));
	return describeAccess(dataFile);
};

/** The roles in force (those the change log vouches for), and a warning when the settings file says otherwise. */
const describeAccess = async (dataFile: string): Promise<string> => {
	const store = await CrmStore.open(dataFile, Date.now, {readonly: true});
	const {access} = store.settings;
	const lines: string[] = store.rolesWarning ? [t('store.access.warning', {warning: store.rolesWarning})] : [];
	if (!rolesConfigured(access)) lines.push(t('store.access.noRoles'));
	else {
		lines.push(t('store.access.operators'));
		for (const [name, role] of Object.entries(access.operators).sort()) lines.push(`  ${padCells(name, 20)} ${role}`);
		lines.push(`  ${padCells(t('store.access.anyoneElse'), 20)} ${roleOf(access, '\u0000')}`);
	}
	lines.push(t('store.access.roles'));
	for (const role of roles) lines.push(`  ${role.padEnd(8)} ${roleSummary(role)}`);
	return `${lines.join('\n')}\n`;
};
