import {type Role, roleOf, roleSummary, roles, rolesConfigured} from '../domain/access.js';
import {CrmStore} from '../store/store.js';

/** A worded refusal of `crm access` (an unknown role or action): exit 2, nothing changed. */
export class AccessRefusedError extends Error {
	readonly exitCode = 2;
}

/** `crm access`: the roles in force, or (as an admin) one set or removed. */
export const runAccess = async (
	dataFile: string,
	request: {action?: string; operator?: string; role?: string; as: string},
): Promise<string> => {
	if (request.action === 'set' || request.action === 'remove') {
		if (!request.operator) throw new AccessRefusedError(`crm access ${request.action} needs the operator's name.`);
		if (request.action === 'set' && !roles.includes(request.role as Role))
			throw new AccessRefusedError(`The role must be one of ${roles.join(', ')}.`);
		const store = await CrmStore.open(dataFile);
		if (request.action === 'remove' && !(request.operator in store.settings.access.operators))
			return `${request.operator} has no role of their own: nothing changed.\n${await describeAccess(dataFile)}`;
		if (
			request.action === 'set' &&
			store.settings.access.operators[request.operator] === request.role &&
			!store.rolesWarning
		)
			return `${request.operator} is ${request.role} already: nothing changed.\n${await describeAccess(dataFile)}`;
		await store.updateSettings(
			{kind: 'role', operator: request.operator, role: request.action === 'set' ? (request.role as Role) : null},
			request.as,
		);
		return `${request.action === 'set' ? `${request.operator} is now ${request.role}` : `${request.operator} has no role of their own now`} (changed by ${request.as}).\n${await describeAccess(dataFile)}`;
	}
	if (request.action !== undefined)
		throw new AccessRefusedError(
			`Unknown action “${request.action}”: use crm access, crm access set OPERATOR ROLE, or crm access remove OPERATOR.`,
		);
	return describeAccess(dataFile);
};

/** The roles in force (those the change log vouches for), and a warning when the settings file says otherwise. */
const describeAccess = async (dataFile: string): Promise<string> => {
	const store = await CrmStore.open(dataFile, Date.now, {readonly: true});
	const {access} = store.settings;
	const lines: string[] = store.rolesWarning ? [`Warning: ${store.rolesWarning}`] : [];
	if (!rolesConfigured(access))
		lines.push(
			'No roles are set: everyone who can open the file may change everything. `crm access set NAME admin` starts them.',
		);
	else {
		lines.push('Operators:');
		for (const [name, role] of Object.entries(access.operators).sort()) lines.push(`  ${name.padEnd(20)} ${role}`);
		lines.push(`  ${'anyone else'.padEnd(20)} ${roleOf(access, '\u0000')}`);
	}
	lines.push('Roles:');
	for (const role of roles) lines.push(`  ${role.padEnd(8)} ${roleSummary[role]}`);
	return `${lines.join('\n')}\n`;
};
